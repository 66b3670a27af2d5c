import secrets

from bottle import Bottle, abort, request, response

app = Bottle()
# Signs the cookie; a real application loads a fixed key from its configuration.
SECRET = secrets.token_hex()
# A real application keeps users in a database, with hashed passwords.
USERS = {"ada": "lovelace"}


@app.post("/login")
def login():
    credentials = request.json or {}
    username = credentials.get("username")
    if username not in USERS or USERS[username] != credentials.get("password"):
        abort(401, "Wrong username or password")
    response.set_cookie("account", username, secret=SECRET, httponly=True, samesite="lax")
    return {"username": username}


@app.get("/me")
def me():
    username = request.get_cookie("account", secret=SECRET)
    if username is None:
        abort(401, "Not logged in")
    return {"username": username}
