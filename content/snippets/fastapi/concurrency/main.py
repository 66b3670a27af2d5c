import asyncio

from fastapi import FastAPI

app = FastAPI()


async def slow_operation(name: str) -> str:
    await asyncio.sleep(0.2)  # stands in for a database query or an HTTP call
    return name


@app.get("/both")
async def both():
    first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return {"results": [first, second]}
