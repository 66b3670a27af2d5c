from itertools import count

from blacksheep import Application, created, post
from pydantic import BaseModel, Field

app = Application()


class NewItem(BaseModel):
    name: str
    price: float = Field(ge=0)


class Item(NewItem):
    id: int


ids = count(1)


@post("/items")
async def create_item(data: NewItem):
    return created(Item(id=next(ids), **data.model_dump()))
