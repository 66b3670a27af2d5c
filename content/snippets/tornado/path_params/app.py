import asyncio

import tornado
from tornado.options import define, options

define("port", default=8888, help="run on the given port", type=int)


class ItemHandler(tornado.web.RequestHandler):
    def get(self, item_id):
        q = self.get_argument("q", None)
        self.write({"id": int(item_id), "q": q})


def make_app():
    return tornado.web.Application([
        # The regular expression only matches digits, so /items/seven is a 404.
        (r"/items/([0-9]+)", ItemHandler),
    ])


async def main():
    tornado.options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
