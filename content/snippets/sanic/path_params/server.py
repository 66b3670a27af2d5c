from sanic import Sanic
from sanic.response import json

app = Sanic("ItemsApp")


@app.get("/items/<item_id:int>")
async def read_item(request, item_id: int):
    return json({"id": item_id, "q": request.args.get("q")})
