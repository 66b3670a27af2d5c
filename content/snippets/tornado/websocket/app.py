import asyncio

import tornado
import tornado.websocket
from tornado.options import define, options

define("port", default=8888, help="run on the given port", type=int)


class EchoWebSocket(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.write_message(message)


def make_app():
    return tornado.web.Application([
        (r"/ws", EchoWebSocket),
    ])


async def main():
    tornado.options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
