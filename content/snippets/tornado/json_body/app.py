import asyncio
import itertools

import tornado
from tornado.options import define, options
from webargs import fields, validate
from webargs.tornadoparser import use_args

define("port", default=8888, help="run on the given port", type=int)

item_args = {
    "name": fields.Str(required=True),
    "price": fields.Float(required=True, validate=validate.Range(min=0)),
}
next_id = itertools.count(1)


class ItemsHandler(tornado.web.RequestHandler):
    @use_args(item_args, location="json")
    def post(self, args):
        item = {"id": next(next_id), **args}
        self.set_status(201)
        self.write(item)

    def write_error(self, status_code, **kwargs):
        # webargs raises an HTTPError (422) that carries the validation messages.
        _, error, _ = kwargs.get("exc_info", (None, None, None))
        if hasattr(error, "messages"):
            self.write({"errors": error.messages})
        else:
            super().write_error(status_code, **kwargs)


def make_app():
    return tornado.web.Application([
        (r"/items", ItemsHandler),
    ])


async def main():
    tornado.options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
