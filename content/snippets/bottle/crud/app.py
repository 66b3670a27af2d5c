import json

from bottle import Bottle, abort, request, response
from peewee import BooleanField, CharField, Model, SqliteDatabase
from playhouse.shortcuts import model_to_dict

db = SqliteDatabase("todos.db")


class Todo(Model):
    title = CharField()
    done = BooleanField(default=False)

    class Meta:
        database = db


app = Bottle()


@app.hook("before_request")
def connect_db():
    db.connect()


@app.hook("after_request")
def close_db():
    if not db.is_closed():
        db.close()


def todo_or_404(todo_id):
    todo = Todo.get_or_none(Todo.id == todo_id)
    if todo is None:
        abort(404, "No such todo")
    return todo


def todo_data():
    data = request.json or {}
    if not isinstance(data.get("title"), str):
        abort(400, "title is required")
    return {"title": data["title"], "done": bool(data.get("done", False))}


@app.get("/todos")
def list_todos():
    # Routes turn dicts into JSON, but not lists.
    response.content_type = "application/json"
    return json.dumps([model_to_dict(todo) for todo in Todo.select().order_by(Todo.id)])


@app.post("/todos")
def create_todo():
    todo = Todo.create(**todo_data())
    response.status = 201
    return model_to_dict(todo)


@app.get("/todos/<todo_id:int>")
def read_todo(todo_id):
    return model_to_dict(todo_or_404(todo_id))


@app.put("/todos/<todo_id:int>")
def update_todo(todo_id):
    todo = todo_or_404(todo_id)
    for field, value in todo_data().items():
        setattr(todo, field, value)
    todo.save()
    return model_to_dict(todo)


@app.delete("/todos/<todo_id:int>")
def delete_todo(todo_id):
    todo_or_404(todo_id).delete_instance()
    response.status = 204


# Bottle has no migration tool and Peewee has no schema history; create_tables skips
# tables that already exist.
with db:
    db.create_tables([Todo])
