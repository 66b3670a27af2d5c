import asyncio

import falcon.asgi


async def slow_operation(name):
    await asyncio.sleep(0.2)  # stands in for a database query or an HTTP call
    return name


class BothResource:
    async def on_get(self, req, resp):
        first, second = await asyncio.gather(slow_operation("first"), slow_operation("second"))
        resp.media = {"results": [first, second]}


app = falcon.asgi.App()
app.add_route("/both", BothResource())
