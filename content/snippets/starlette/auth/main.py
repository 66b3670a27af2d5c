import secrets

from starlette.applications import Starlette
from starlette.authentication import (
    AuthCredentials, AuthenticationBackend, SimpleUser, requires
)
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

# In a real app the key comes from the environment and users from a database,
# with hashed passwords.
SECRET_KEY = "768df4aa228f62a0d80b4cac9984ded9af7743948a0987b4ccf918a9940bde56"
USERS = {"ada": "lovelace"}


class SessionBackend(AuthenticationBackend):
    async def authenticate(self, conn):
        username = conn.session.get("username")
        if username is None:
            return None
        return AuthCredentials(["authenticated"]), SimpleUser(username)


async def login(request):
    data = await request.json()
    username, password = data.get("username"), data.get("password")
    expected = USERS.get(username)
    if expected is None or not secrets.compare_digest(expected, str(password)):
        return JSONResponse({"error": "Incorrect username or password"}, status_code=401)
    request.session["username"] = username
    return JSONResponse({"username": username})


@requires("authenticated", status_code=401)
async def me(request):
    return JSONResponse({"username": request.user.display_name})


app = Starlette(
    routes=[
        Route("/login", login, methods=["POST"]),
        Route("/me", me),
    ],
    middleware=[
        Middleware(SessionMiddleware, secret_key=SECRET_KEY),
        Middleware(AuthenticationMiddleware, backend=SessionBackend()),
    ],
)
