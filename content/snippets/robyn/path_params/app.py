from typing import Optional

from robyn import Robyn

app = Robyn(__file__)


@app.get("/items/:id")
def read_item(id: int, q: Optional[str] = None):
    return {"id": id, "q": q}


if __name__ == "__main__":
    app.start(port=8080)
