import asyncio

from litestar import Litestar, get


async def slow_operation(name: str) -> str:
    await asyncio.sleep(0.2)
    return name


@get("/both")
async def both() -> dict[str, str]:
    first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return {"first": first, "second": second}


app = Litestar([both])
