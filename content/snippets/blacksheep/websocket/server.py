from blacksheep import Application, WebSocket, WebSocketDisconnectError, ws

app = Application()


@ws("/ws")
async def echo(websocket: WebSocket):
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive_text()
            await websocket.send_text(message)
    except WebSocketDisconnectError:
        pass
