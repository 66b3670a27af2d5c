import os

from py4web import DAL, HTTP, Field, action, request, response
from pydal.validators import IS_NOT_EMPTY

# pyDAL creates and alters the table to match define_table when the app loads.
db = DAL("sqlite://storage.db", folder=os.path.join(os.path.dirname(__file__), "databases"))
db.define_table(
    "todo",
    Field("title", required=True, requires=IS_NOT_EMPTY()),
    Field("done", "boolean", default=False),
)


def get_todo(id):
    todo = db.todo[id]
    if todo is None:
        raise HTTP(404)
    return todo


@action("todos", method="GET")
@action.uses(db)
def list_todos():
    return db(db.todo).select(orderby=db.todo.id).as_list()


@action("todos", method="POST")
@action.uses(db)
def create_todo():
    result = db.todo.validate_and_insert(**request.json)
    if result["errors"]:
        response.status = 422
        return {"errors": result["errors"]}
    response.status = 201
    return db.todo[result["id"]].as_dict()


@action("todos/<id:int>", method="GET")
@action.uses(db)
def read_todo(id):
    return get_todo(id).as_dict()


@action("todos/<id:int>", method="PUT")
@action.uses(db)
def update_todo(id):
    # Read the body first: on a 404, py4web's server would leave it unread on the connection.
    changes = request.json
    get_todo(id)
    result = db(db.todo.id == id).validate_and_update(**changes)
    if result["errors"]:
        response.status = 422
        return {"errors": result["errors"]}
    return db.todo[id].as_dict()


@action("todos/<id:int>", method="DELETE")
@action.uses(db)
def delete_todo(id):
    get_todo(id).delete_record()
    return {}
