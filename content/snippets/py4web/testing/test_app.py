from py4web.core import wsgi
from webtest import TestApp

app = TestApp(wsgi(apps_folder="apps"))


def test_hello():
    response = app.get("/")
    assert response.json == {"message": "Hello, World!"}
