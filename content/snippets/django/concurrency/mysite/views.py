import asyncio

from django.http import JsonResponse


async def fetch(name):
    await asyncio.sleep(0.2)  # stands in for a call to a database or another service
    return name


async def both(request):
    first, second = await asyncio.gather(fetch("first"), fetch("second"))
    return JsonResponse({"results": [first, second]})
