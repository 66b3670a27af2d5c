from itertools import count
from typing import Annotated

import msgspec
from litestar import Litestar, post
from litestar.params import JSONBody


class NewItem(msgspec.Struct):
    name: str
    price: Annotated[float, msgspec.Meta(ge=0)]


class Item(NewItem):
    id: int


ids = count(1)


@post("/items")
async def create_item(data: JSONBody[NewItem]) -> Item:
    return Item(id=next(ids), name=data.name, price=data.price)


app = Litestar([create_item])
