from urllib.parse import unquote

from robyn import Robyn
from robyn.templating import render

app = Robyn(__file__)


@app.get("/hello/:name")
def hello(name: str):
    # Robyn passes path parameters still percent-encoded.
    return render("hello.html", name=unquote(name))


if __name__ == "__main__":
    app.start(port=8080)
