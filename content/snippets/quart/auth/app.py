from quart import Quart, request
from quart_auth import QuartAuth, current_user, login_required
from werkzeug.security import check_password_hash, generate_password_hash

app = Quart(__name__)
# Tokens are signed with this key; generate a real one with secrets.token_urlsafe().
app.secret_key = "dev"
# Bearer mode suits API clients; the default cookie mode suits browsers.
app.config["QUART_AUTH_MODE"] = "bearer"
auth_manager = QuartAuth(app)

users = {"ada": generate_password_hash("lovelace")}


@app.post("/login")
async def login():
    data = await request.get_json()
    username = data.get("username")
    password_hash = users.get(username)
    if password_hash is None or not check_password_hash(password_hash, data.get("password", "")):
        return {"error": "Incorrect username or password."}, 401
    return {"token": auth_manager.dump_token(username)}


@app.get("/me")
@login_required
async def me():
    return {"username": current_user.auth_id}
