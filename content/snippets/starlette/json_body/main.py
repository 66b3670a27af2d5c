from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

items = []


def validate(data):
    errors = {}
    if not isinstance(data.get("name"), str):
        errors["name"] = "required, must be a string"
    price = data.get("price")
    if isinstance(price, bool) or not isinstance(price, (int, float)):
        errors["price"] = "required, must be a number"
    elif price < 0:
        errors["price"] = "must not be negative"
    return errors


async def create_item(request):
    try:
        data = await request.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return JSONResponse({"error": "expected a JSON object"}, status_code=400)
    errors = validate(data)
    if errors:
        return JSONResponse({"errors": errors}, status_code=422)
    item = {"id": len(items) + 1, "name": data["name"], "price": data["price"]}
    items.append(item)
    return JSONResponse(item, status_code=201)


app = Starlette(routes=[
    Route("/items", create_item, methods=["POST"]),
])
