from bottle import Bottle, template

app = Bottle()


@app.get("/hello/<name>")
def hello(name):
    return template("hello", name=name)
