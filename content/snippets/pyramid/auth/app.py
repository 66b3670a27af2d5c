import bcrypt
from pyramid.authentication import AuthTktCookieHelper
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPUnauthorized
from pyramid.security import remember
from pyramid.view import view_config


def hash_password(password):
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def check_password(password, hashed):
    return bcrypt.checkpw(password.encode(), hashed.encode())


USERS = {"ada": hash_password("lovelace")}


class SecurityPolicy:
    def __init__(self, secret):
        self.authtkt = AuthTktCookieHelper(secret=secret)

    def identity(self, request):
        identity = self.authtkt.identify(request)
        if identity is not None and identity["userid"] in USERS:
            return identity

    def authenticated_userid(self, request):
        identity = self.identity(request)
        if identity is not None:
            return identity["userid"]

    def remember(self, request, userid, **kw):
        return self.authtkt.remember(request, userid, **kw)

    def forget(self, request, **kw):
        return self.authtkt.forget(request, **kw)


@view_config(route_name="login", request_method="POST", renderer="json")
def login(request):
    username = request.json_body.get("username")
    hashed = USERS.get(username)
    if hashed is None or not check_password(request.json_body.get("password", ""), hashed):
        raise HTTPUnauthorized(json={"error": "Invalid username or password."})
    request.response.headerlist.extend(remember(request, username))
    return {"username": username}


@view_config(route_name="me", renderer="json")
def me(request):
    if request.authenticated_userid is None:
        raise HTTPUnauthorized(json={"error": "Not logged in."})
    return {"username": request.authenticated_userid}


def main():
    with Configurator() as config:
        config.set_security_policy(SecurityPolicy(secret="replace-me"))
        config.add_route("login", "/login")
        config.add_route("me", "/me")
        config.scan()
        app = config.make_wsgi_app()
    return app
