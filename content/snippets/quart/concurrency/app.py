import asyncio

from quart import Quart

app = Quart(__name__)


async def slow_operation(name):
    await asyncio.sleep(0.2)
    return name


@app.get("/both")
async def both():
    first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return {"results": [first, second]}
