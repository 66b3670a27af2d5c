import asyncio

from blacksheep import Application, get

app = Application()


async def slow_operation(name: str) -> str:
    await asyncio.sleep(0.2)
    return name


@get("/both")
async def both():
    first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return {"first": first, "second": second}
