from aiohttp import WSMsgType, web

routes = web.RouteTableDef()


@routes.get("/ws")
async def websocket(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            await ws.send_str(msg.data)
    return ws


def init_app(argv=None):
    app = web.Application()
    app.add_routes(routes)
    return app
