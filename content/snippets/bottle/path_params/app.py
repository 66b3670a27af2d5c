from bottle import Bottle, request

app = Bottle()


# The int filter converts the wildcard; any other value matches no route (404).
@app.get("/items/<item_id:int>")
def read_item(item_id):
    return {"id": item_id, "q": request.query.get("q")}
