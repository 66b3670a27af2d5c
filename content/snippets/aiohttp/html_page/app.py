from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/hello/{name}")
@aiohttp_jinja2.template("hello.html")
async def hello(request):
    return {"name": request.match_info["name"]}


def init_app(argv=None):
    app = web.Application()
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"))
    app.add_routes(routes)
    return app
