from server import app


def test_hello():
    request, response = app.test_client.get("/")

    assert response.status == 200
    assert response.json == {"message": "Hello, World!"}
