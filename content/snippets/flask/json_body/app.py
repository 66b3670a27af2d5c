from itertools import count

from flask import Flask, request

app = Flask(__name__)
ids = count(1)
items = {}


@app.post("/items")
def create_item():
    data = request.get_json()
    name, price = data.get("name"), data.get("price")
    errors = {}
    if not isinstance(name, str) or not name:
        errors["name"] = "must be a non-empty string"
    if not isinstance(price, (int, float)) or isinstance(price, bool) or price < 0:
        errors["price"] = "must be a number greater than or equal to 0"
    if errors:
        return {"errors": errors}, 400

    item = {"id": next(ids), "name": name, "price": price}
    items[item["id"]] = item
    return item, 201
