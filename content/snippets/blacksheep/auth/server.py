import secrets
from dataclasses import dataclass

from blacksheep import Application, Request, auth, get, json, post
from blacksheep.server.authentication.cookie import CookieAuthentication
from blacksheep.server.responses import unauthorized

app = Application()

# Signs the cookie; a real application loads fixed keys from its settings.
cookie_auth = CookieAuthentication(cookie_name="session", secret_keys=[secrets.token_urlsafe(32)])
app.use_authentication().add(cookie_auth)
app.use_authorization()

# A real application keeps users in a database, with hashed passwords.
USERS = {"ada": "lovelace"}


@dataclass
class Credentials:
    username: str
    password: str


@post("/login")
async def login(credentials: Credentials):
    if USERS.get(credentials.username) != credentials.password:
        return unauthorized("Wrong username or password")
    response = json({"username": credentials.username})
    # Pass secure=True when the site is served over HTTPS.
    cookie_auth.set_cookie({"sub": credentials.username}, response)
    return response


@auth()
@get("/me")
async def me(request: Request):
    return {"username": request.user.claims["sub"]}
