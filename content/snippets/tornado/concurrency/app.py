import asyncio

import tornado
from tornado.options import define, options

define("port", default=8888, help="run on the given port", type=int)


async def slow_operation(name):
    await asyncio.sleep(0.2)
    return name


class BothHandler(tornado.web.RequestHandler):
    async def get(self):
        # multi() waits for both coroutines at once, so this takes 200 ms, not 400.
        first, second = await tornado.gen.multi([slow_operation("first"), slow_operation("second")])
        self.write({"results": [first, second]})


def make_app():
    return tornado.web.Application([
        (r"/both", BothHandler),
    ])


async def main():
    tornado.options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
