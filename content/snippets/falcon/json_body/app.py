import itertools
from typing import Annotated

import falcon
import msgspec
from falcon.media import JSONHandler


class Item(msgspec.Struct):
    name: str
    price: Annotated[float, msgspec.Meta(ge=0)]


class MsgspecMiddleware:
    # Validates the body against the resource's POST_SCHEMA (PUT_SCHEMA, ...) and passes
    # the result to the responder as a keyword argument named after the schema.
    def process_resource(self, req, resp, resource, params):
        if schema := getattr(resource, f"{req.method}_SCHEMA", None):
            params[schema.__name__.lower()] = msgspec.convert(req.get_media(), schema)


def handle_validation_error(req, resp, ex, params):
    raise falcon.HTTPUnprocessableEntity(description=str(ex))


class ItemsResource:
    POST_SCHEMA = Item

    def __init__(self):
        self._ids = itertools.count(1)

    def on_post(self, req, resp, item):
        resp.media = {"id": next(self._ids), **msgspec.structs.asdict(item)}
        resp.status = falcon.HTTP_201


app = falcon.App(middleware=[MsgspecMiddleware()])
app.add_error_handler(msgspec.ValidationError, handle_validation_error)

json_handler = JSONHandler(dumps=msgspec.json.encode, loads=msgspec.json.decode)
app.req_options.media_handlers[falcon.MEDIA_JSON] = json_handler
app.resp_options.media_handlers[falcon.MEDIA_JSON] = json_handler

app.add_route("/items", ItemsResource())
