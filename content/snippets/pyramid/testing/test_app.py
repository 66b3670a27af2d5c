import unittest

from webtest import TestApp

from app import main


class HelloFunctionalTests(unittest.TestCase):
    def setUp(self):
        self.testapp = TestApp(main())

    def test_hello(self):
        response = self.testapp.get("/", status=200)
        self.assertEqual(response.json, {"message": "Hello, World!"})
