import asyncio

from robyn import Robyn

app = Robyn(__file__)


async def slow_operation(name: str) -> str:
    await asyncio.sleep(0.2)
    return name


@app.get("/both")
async def both(request):
    first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return {"results": [first, second]}


if __name__ == "__main__":
    app.start(port=8080)
