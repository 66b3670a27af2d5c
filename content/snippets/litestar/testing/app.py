from litestar import Litestar, get


@get("/")
async def hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


app = Litestar([hello])
