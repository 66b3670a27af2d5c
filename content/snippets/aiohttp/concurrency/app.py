import asyncio

from aiohttp import web

routes = web.RouteTableDef()


async def slow_operation(name):
    await asyncio.sleep(0.2)
    return name


@routes.get("/both")
async def both(request):
    # gather() runs both coroutines at once, so this takes 200 ms, not 400.
    results = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return web.json_response({"results": results})


def init_app(argv=None):
    app = web.Application()
    app.add_routes(routes)
    return app
