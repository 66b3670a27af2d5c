from aiohttp import web

routes = web.RouteTableDef()


# The {item_id:\d+} pattern only matches digits, so /items/seven is a 404.
@routes.get(r"/items/{item_id:\d+}")
async def get_item(request):
    item_id = int(request.match_info["item_id"])
    q = request.query.get("q")
    return web.json_response({"id": item_id, "q": q})


def init_app(argv=None):
    app = web.Application()
    app.add_routes(routes)
    return app
