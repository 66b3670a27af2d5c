from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/")
async def hello(request):
    return web.json_response({"message": "Hello, World!"})


def init_app(argv=None):
    app = web.Application()
    app.add_routes(routes)
    return app
