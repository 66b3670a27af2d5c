import asyncio
import secrets

import tornado
from tornado.options import define, options

define("port", default=8888, help="run on the given port", type=int)

# A real application keeps users in a database, with hashed passwords.
USERS = {"ada": "lovelace"}


class BaseHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        user = self.get_signed_cookie("user")
        return user.decode() if user else None


class LoginHandler(BaseHandler):
    def post(self):
        data = tornado.escape.json_decode(self.request.body)
        username, password = data.get("username"), data.get("password")
        if username not in USERS or USERS[username] != password:
            raise tornado.web.HTTPError(401)
        self.set_signed_cookie("user", username, httponly=True)
        self.write({"username": username})


class MeHandler(BaseHandler):
    def get(self):
        # @tornado.web.authenticated would redirect to a login page; an API answers 401.
        if not self.current_user:
            raise tornado.web.HTTPError(401)
        self.write({"username": self.current_user})


def make_app():
    return tornado.web.Application(
        [
            (r"/login", LoginHandler),
            (r"/me", MeHandler),
        ],
        # Load a fixed secret from configuration in production; a new one logs everyone out.
        cookie_secret=secrets.token_hex(32),
        cross_origin_protection=True,
    )


async def main():
    tornado.options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
