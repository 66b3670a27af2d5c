from typing import Optional

import jwt
from robyn import Request, Response, Robyn
from robyn.authentication import AuthenticationHandler, BearerGetter, Identity

app = Robyn(__file__)

# Keep the real key out of the code, e.g. in an environment variable.
SECRET_KEY = "change-me-to-a-long-random-secret-key"

# A real application would look the user up and check a password hash.
USERS = {"ada": "lovelace"}


class JWTAuthHandler(AuthenticationHandler):
    def authenticate(self, request: Request) -> Optional[Identity]:
        token = self.token_getter.get_token(request)
        try:
            claims = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
        except jwt.InvalidTokenError:
            return None
        return Identity(claims={"username": claims["sub"]})


app.configure_authentication(JWTAuthHandler(token_getter=BearerGetter()))


@app.post("/login")
def login(request: Request):
    credentials = request.json()
    username = credentials.get("username")
    if USERS.get(username) != credentials.get("password"):
        return Response(status_code=401, body="Wrong username or password")
    return {"access_token": jwt.encode({"sub": username}, SECRET_KEY, algorithm="HS256")}


@app.get("/me", auth_required=True)
def me(request: Request):
    return {"username": request.identity.claims["username"]}


if __name__ == "__main__":
    app.start(port=8080)
