from webtest import TestApp

from app import app


def test_hello():
    client = TestApp(app)

    response = client.get("/")

    assert response.status_code == 200
    assert response.json == {"message": "Hello, World!"}
