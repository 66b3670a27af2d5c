import asyncio

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def slow_operation(name):
    await asyncio.sleep(0.2)  # stands in for a database query or an HTTP call
    return name


async def both(request):
    first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
    return JSONResponse({"results": [first, second]})


app = Starlette(routes=[
    Route("/both", both),
])
