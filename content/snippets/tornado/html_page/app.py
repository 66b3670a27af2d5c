import asyncio
import os

import tornado
from tornado.options import define, options

define("port", default=8888, help="run on the given port", type=int)


class HelloHandler(tornado.web.RequestHandler):
    def get(self, name):
        self.render("hello.html", name=name)


def make_app():
    return tornado.web.Application(
        [(r"/hello/([^/]+)", HelloHandler)],
        template_path=os.path.join(os.path.dirname(__file__), "templates"),
    )


async def main():
    tornado.options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
