import asyncio

import tornado
from tornado.options import define, options

define("port", default=8888, help="run on the given port", type=int)


class MainHandler(tornado.web.RequestHandler):
    def get(self):
        # write() turns a dict into JSON and sets the Content-Type header.
        self.write({"message": "Hello, World!"})


def make_app():
    return tornado.web.Application([
        (r"/", MainHandler),
    ])


async def main():
    tornado.options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
