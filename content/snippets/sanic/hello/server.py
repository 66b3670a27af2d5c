from sanic import Sanic
from sanic.response import json

app = Sanic("HelloApp")


@app.get("/")
async def hello(request):
    return json({"message": "Hello, World!"})
