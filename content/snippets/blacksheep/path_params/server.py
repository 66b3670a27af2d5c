from blacksheep import Application, get

app = Application()


@get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None):
    return {"id": item_id, "q": q}
