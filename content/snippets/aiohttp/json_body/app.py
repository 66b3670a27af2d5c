import itertools

from aiohttp import web
from aiohttp_pydantic import PydanticView
from pydantic import BaseModel, Field


class Item(BaseModel):
    name: str
    price: float = Field(ge=0)


next_id = itertools.count(1)


# PydanticView validates the body against the annotation and answers 400 itself.
class ItemsView(PydanticView):
    async def post(self, item: Item):
        return web.json_response({"id": next(next_id), **item.model_dump()}, status=201)


def init_app(argv=None):
    app = web.Application()
    app.router.add_view("/items", ItemsView)
    return app
