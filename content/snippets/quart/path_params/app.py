from quart import Quart, request

app = Quart(__name__)


@app.get("/items/<int:item_id>")
async def read_item(item_id):
    return {"id": item_id, "q": request.args.get("q")}
