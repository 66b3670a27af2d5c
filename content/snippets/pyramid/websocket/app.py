from asgiref.wsgi import WsgiToAsgi
from pyramid.config import Configurator
from pyramid.view import view_config


@view_config(route_name="hello", renderer="json")
def hello(request):
    return {"message": "Hello, World!"}


with Configurator() as config:
    config.add_route("hello", "/")
    config.scan()
    wsgi_app = config.make_wsgi_app()

# Pyramid speaks only WSGI: asgiref wraps it for an ASGI server, and WebSocket
# connections go to a plain ASGI handler instead, as in the Pyramid Cookbook.
http_app = WsgiToAsgi(wsgi_app)


async def echo(scope, receive, send):
    while True:
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
        elif message["type"] == "websocket.receive":
            if message.get("text") is not None:
                await send({"type": "websocket.send", "text": message["text"]})
            else:
                await send({"type": "websocket.send", "bytes": message["bytes"]})
        elif message["type"] == "websocket.disconnect":
            break


async def app(scope, receive, send):
    if scope["type"] == "websocket" and scope["path"] == "/ws":
        await echo(scope, receive, send)
    else:
        await http_app(scope, receive, send)
