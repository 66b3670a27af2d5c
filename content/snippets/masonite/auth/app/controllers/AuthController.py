from masonite.authentication import Auth
from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response


class AuthController(Controller):
    def login(self, auth: Auth, request: Request, response: Response):
        user = auth.attempt(request.input("username"), request.input("password"))
        if not user:
            return response.json({"error": "Invalid credentials"}, status=401)
        return {"username": user.name}

    def me(self, auth: Auth, response: Response):
        user = auth.user()
        if not user:
            return response.json({"error": "Not authenticated"}, status=401)
        return {"username": user.name}
