import secrets

import falcon

# A real application keeps users in a database, with hashed passwords.
USERS = {"ada": "lovelace"}
TOKENS = {}


class AuthMiddleware:
    def process_request(self, req, resp):
        scheme, _, token = (req.auth or "").partition(" ")
        req.context.user = TOKENS.get(token) if scheme.lower() == "bearer" else None


def login_required(req, resp, resource, params):
    if req.context.user is None:
        raise falcon.HTTPUnauthorized(title="Login required", challenges=["Bearer"])


class LoginResource:
    def on_post(self, req, resp):
        credentials = req.get_media()
        username = credentials.get("username")
        if username not in USERS or USERS[username] != credentials.get("password"):
            raise falcon.HTTPUnauthorized(title="Wrong username or password", challenges=["Bearer"])
        token = secrets.token_urlsafe()
        TOKENS[token] = username
        resp.media = {"access_token": token, "token_type": "bearer"}


class MeResource:
    @falcon.before(login_required)
    def on_get(self, req, resp):
        resp.media = {"username": req.context.user}


app = falcon.App(middleware=[AuthMiddleware()])
app.add_route("/login", LoginResource())
app.add_route("/me", MeResource())
