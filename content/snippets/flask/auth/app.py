from flask import Flask, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
# Sessions are signed with this key; generate a real one with secrets.token_hex().
app.secret_key = "dev"

users = {"ada": generate_password_hash("lovelace")}


@app.post("/login")
def login():
    data = request.get_json()
    username = data.get("username")
    password_hash = users.get(username)
    if password_hash is None or not check_password_hash(password_hash, data.get("password", "")):
        return {"error": "Incorrect username or password."}, 401

    session.clear()
    session["username"] = username
    return {"username": username}


@app.get("/me")
def me():
    if "username" not in session:
        return {"error": "Not logged in."}, 401
    return {"username": session["username"]}
