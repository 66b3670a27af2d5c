from sanic import Request, Sanic, Websocket

app = Sanic("EchoApp")


@app.websocket("/ws")
async def echo(request: Request, ws: Websocket):
    async for message in ws:
        await ws.send(message)
