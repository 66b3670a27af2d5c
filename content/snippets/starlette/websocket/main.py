from starlette.applications import Starlette
from starlette.routing import WebSocketRoute


async def echo(websocket):
    await websocket.accept()
    async for message in websocket.iter_text():
        await websocket.send_text(message)


app = Starlette(routes=[
    WebSocketRoute("/ws", echo),
])
