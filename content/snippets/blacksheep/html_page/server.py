from blacksheep import Application, get
from blacksheep.server.responses import view

app = Application()


@get("/hello/{name}")
async def hello(name: str):
    # Renders app/views/hello.jinja, Jinja2 escaping the name.
    return view("hello", {"name": name})
