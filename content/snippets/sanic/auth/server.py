from functools import wraps

import jwt
from sanic import Sanic
from sanic.response import json

app = Sanic("AuthApp")
# Sanic also reads SANIC_SECRET from the environment, which is where a real secret belongs.
app.config.SECRET = "change-me-to-a-long-random-secret-key"

# A real application would look the user up and check a password hash.
USERS = {"ada": "lovelace"}


def protected(handler):
    @wraps(handler)
    async def decorated(request, *args, **kwargs):
        if not request.token:
            return json({"error": "not authenticated"}, status=401)
        try:
            claims = jwt.decode(request.token, request.app.config.SECRET, algorithms=["HS256"])
        except jwt.exceptions.InvalidTokenError:
            return json({"error": "invalid token"}, status=401)
        request.ctx.username = claims["sub"]
        return await handler(request, *args, **kwargs)

    return decorated


@app.post("/login")
async def login(request):
    username = request.json.get("username")
    if USERS.get(username) != request.json.get("password"):
        return json({"error": "wrong username or password"}, status=401)
    token = jwt.encode({"sub": username}, request.app.config.SECRET, algorithm="HS256")
    return json({"token": token})


@app.get("/me")
@protected
async def me(request):
    return json({"username": request.ctx.username})
