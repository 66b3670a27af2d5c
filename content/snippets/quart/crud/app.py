from dataclasses import dataclass

from quart import Quart, abort, g
from quart_db import QuartDB
from quart_schema import QuartSchema, validate_request

app = Quart(__name__)
QuartSchema(app)
# Quart-DB applies the files in migrations/ in order when the app starts serving.
db = QuartDB(app, url="sqlite:///todos.db")


@dataclass
class TodoIn:
    title: str
    done: bool = False


def to_dict(row):
    return {"id": row["id"], "title": row["title"], "done": bool(row["done"])}


async def get_todo_or_404(todo_id):
    row = await g.connection.fetch_first(
        "SELECT id, title, done FROM todo WHERE id = :id", {"id": todo_id}
    )
    if row is None:
        abort(404)
    return row


@app.get("/todos")
async def list_todos():
    rows = await g.connection.fetch_all("SELECT id, title, done FROM todo ORDER BY id")
    return [to_dict(row) for row in rows]


@app.post("/todos")
@validate_request(TodoIn)
async def create_todo(data: TodoIn):
    todo_id = await g.connection.fetch_val(
        "INSERT INTO todo (title, done) VALUES (:title, :done) RETURNING id",
        {"title": data.title, "done": data.done},
    )
    return {"id": todo_id, "title": data.title, "done": data.done}, 201


@app.get("/todos/<int:todo_id>")
async def read_todo(todo_id):
    return to_dict(await get_todo_or_404(todo_id))


@app.put("/todos/<int:todo_id>")
@validate_request(TodoIn)
async def update_todo(todo_id, data: TodoIn):
    await get_todo_or_404(todo_id)
    await g.connection.execute(
        "UPDATE todo SET title = :title, done = :done WHERE id = :id",
        {"id": todo_id, "title": data.title, "done": data.done},
    )
    return {"id": todo_id, "title": data.title, "done": data.done}


@app.delete("/todos/<int:todo_id>")
async def delete_todo(todo_id):
    await get_todo_or_404(todo_id)
    await g.connection.execute("DELETE FROM todo WHERE id = :id", {"id": todo_id})
    return "", 204
