from aiohttp import web
from aiohttp_security import SessionIdentityPolicy, check_authorized, remember
from aiohttp_security import setup as setup_security
from aiohttp_security.abc import AbstractAuthorizationPolicy
from aiohttp_session import setup as setup_session
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography import fernet

# A real application keeps users in a database, with hashed passwords.
USERS = {"ada": "lovelace"}

routes = web.RouteTableDef()


class UserAuthorizationPolicy(AbstractAuthorizationPolicy):
    async def authorized_userid(self, identity):
        return identity if identity in USERS else None

    async def permits(self, identity, permission, context=None):
        return identity in USERS


@routes.post("/login")
async def login(request):
    data = await request.json()
    username, password = data.get("username"), data.get("password")
    if username not in USERS or USERS[username] != password:
        raise web.HTTPUnauthorized(text="invalid username or password")
    response = web.json_response({"username": username})
    await remember(request, response, username)
    return response


@routes.get("/me")
async def me(request):
    username = await check_authorized(request)  # raises 401 when nobody is logged in
    return web.json_response({"username": username})


def init_app(argv=None):
    app = web.Application()
    # The session lives in an encrypted cookie; load a fixed key from configuration
    # in production, as a new key on every start logs everyone out.
    fernet_key = fernet.Fernet.generate_key()
    setup_session(app, EncryptedCookieStorage(fernet.Fernet(fernet_key)))
    setup_security(app, SessionIdentityPolicy(), UserAuthorizationPolicy())
    app.add_routes(routes)
    return app
