from blacksheep import Application, get

app = Application()


@get("/")
async def hello():
    return {"message": "Hello, World!"}
