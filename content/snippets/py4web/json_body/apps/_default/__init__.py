from itertools import count

from py4web import action, request, response

ids = count(1)


@action("items", method="POST")
def create_item():
    data = request.json or {}
    errors = {}
    if not isinstance(data.get("name"), str):
        errors["name"] = "name is required and must be a string"
    price = data.get("price")
    if isinstance(price, bool) or not isinstance(price, (int, float)) or price < 0:
        errors["price"] = "price is required and must be a number of at least 0"
    if errors:
        response.status = 422
        return {"errors": errors}

    response.status = 201
    return {"id": next(ids), "name": data["name"], "price": price}
