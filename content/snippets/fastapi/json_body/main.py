from fastapi import FastAPI
from pydantic import BaseModel, Field


class ItemCreate(BaseModel):
    name: str
    price: float = Field(ge=0)


class Item(ItemCreate):
    id: int


app = FastAPI()
items: list[Item] = []


@app.post("/items", status_code=201)
async def create_item(item: ItemCreate) -> Item:
    stored = Item(id=len(items) + 1, **item.model_dump())
    items.append(stored)
    return stored
