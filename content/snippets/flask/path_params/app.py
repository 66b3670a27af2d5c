from flask import Flask, request

app = Flask(__name__)


@app.get("/items/<int:item_id>")
def read_item(item_id):
    return {"id": item_id, "q": request.args.get("q")}
