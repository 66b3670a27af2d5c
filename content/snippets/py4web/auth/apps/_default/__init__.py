import os

from py4web import DAL, Session, action, request, response
from py4web.utils.auth import Auth
from pydal.validators import CRYPT

db = DAL("sqlite://storage.db", folder=os.path.join(os.path.dirname(__file__), "databases"))
session = Session(secret="change-me-to-a-long-random-secret")
auth = Auth(session, db)

if db(db.auth_user.username == "ada").isempty():
    db.auth_user.insert(
        username="ada",
        email="ada@example.com",
        first_name="Ada",
        last_name="Lovelace",
        password=CRYPT()("lovelace")[0],
    )
    db.commit()


@action("login", method="POST")
@action.uses(auth)
def login():
    user, error = auth.login(request.json.get("username"), request.json.get("password"))
    if not user:
        response.status = 401
        return {"error": error}
    auth.store_user_in_session(user["id"])
    return {"username": user["username"]}


@action("me")
@action.uses(auth)
def me():
    user = auth.get_user()
    if not user:
        response.status = 401
        return {"error": "not logged in"}
    return {"username": user["username"]}
