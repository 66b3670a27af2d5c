from django.test import SimpleTestCase


class HelloTests(SimpleTestCase):
    def test_hello(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"message": "Hello, World!"})
