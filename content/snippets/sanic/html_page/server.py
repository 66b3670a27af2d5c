from sanic import Sanic

app = Sanic("HelloPageApp")


# Sanic leaves path parameters percent-encoded unless the route asks to unquote them.
@app.get("/hello/<name:str>", unquote=True)
@app.ext.template("hello.html")
async def hello(request, name: str):
    return {"name": name}
