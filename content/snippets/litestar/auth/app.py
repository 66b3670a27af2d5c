from dataclasses import dataclass
from typing import Any

from litestar import Litestar, Request, get, post
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.params import JSONBody
from litestar.security.session_auth import SessionAuth

# A real application keeps users in a database, with hashed passwords.
USERS = {"ada": "lovelace"}


@dataclass
class User:
    username: str


@dataclass
class Credentials:
    username: str
    password: str


async def retrieve_user_handler(session: dict[str, Any], connection: ASGIConnection) -> User | None:
    username = session.get("username")
    return User(username) if username in USERS else None


@post("/login", status_code=200)
async def login(data: JSONBody[Credentials], request: Request) -> User:
    if USERS.get(data.username) != data.password:
        raise NotAuthorizedException("Wrong username or password")
    request.set_session({"username": data.username})
    return User(data.username)


@get("/me")
async def me(request: Request[User, dict[str, Any], Any]) -> User:
    return request.user


session_auth = SessionAuth[User, ServerSideSessionBackend](
    retrieve_user_handler=retrieve_user_handler,
    # Sessions live in the app's default store, in memory.
    session_backend_config=ServerSideSessionConfig(),
    exclude=["/login", "/schema"],
)

app = Litestar([login, me], on_app_init=[session_auth.on_app_init])
