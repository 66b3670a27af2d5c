from quart import Quart, render_template

app = Quart(__name__)


@app.get("/hello/<name>")
async def hello(name):
    return await render_template("hello.html", name=name)
