from litestar import Litestar, get
from litestar.params import FromPath, FromQuery


@get("/items/{item_id:int}")
async def read_item(item_id: FromPath[int], q: FromQuery[str | None] = None) -> dict[str, int | str | None]:
    return {"id": item_id, "q": q}


app = Litestar([read_item])
