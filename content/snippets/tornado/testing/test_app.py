import json

from tornado.testing import AsyncHTTPTestCase

import app


class TestHelloApp(AsyncHTTPTestCase):
    def get_app(self):
        return app.make_app()

    def test_hello(self):
        response = self.fetch("/")
        self.assertEqual(response.code, 200)
        self.assertEqual(json.loads(response.body), {"message": "Hello, World!"})
