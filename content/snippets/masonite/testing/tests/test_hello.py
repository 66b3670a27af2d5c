from tests.TestCase import TestCase


class TestHello(TestCase):
    def test_hello(self):
        self.get("/").assertOk().assertJson({"message": "Hello, World!"})
