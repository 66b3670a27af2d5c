from quart import Quart, websocket

app = Quart(__name__)


@app.websocket("/ws")
async def ws():
    while True:
        data = await websocket.receive()
        await websocket.send(data)
