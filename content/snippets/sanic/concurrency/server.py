import asyncio

from sanic import Sanic
from sanic.response import json

app = Sanic("ConcurrencyApp")


async def slow_operation(name: str) -> str:
    await asyncio.sleep(0.2)
    return name


@app.get("/both")
async def both(request):
    first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return json({"results": [first, second]})
