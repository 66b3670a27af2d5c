from itertools import count

from pydantic import BaseModel, Field
from sanic import Sanic
from sanic.response import json
from sanic_ext import validate

app = Sanic("ItemsApp")
next_id = count(1)


class Item(BaseModel):
    name: str
    price: float = Field(ge=0)


@app.post("/items")
@validate(json=Item)
async def create_item(request, body: Item):
    return json({"id": next(next_id), **body.model_dump()}, status=201)
