from robyn import Robyn

app = Robyn(__file__)


@app.get("/")
def hello(request):
    return {"message": "Hello, World!"}


if __name__ == "__main__":
    app.start(port=8080)
