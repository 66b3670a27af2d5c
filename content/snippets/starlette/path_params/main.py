from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def read_item(request):
    item_id = request.path_params["item_id"]
    q = request.query_params.get("q")
    return JSONResponse({"id": item_id, "q": q})


app = Starlette(routes=[
    # The int convertor only matches digits, so /items/seven finds no route (404).
    Route("/items/{item_id:int}", read_item),
])
