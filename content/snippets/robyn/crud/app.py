from pydantic import BaseModel
from robyn import Response, Robyn
from sqlalchemy import select

from models import Base, SessionLocal, Todo, engine

app = Robyn(__file__)


class TodoIn(BaseModel):
    title: str
    done: bool = False


def not_found():
    return Response(status_code=404, body="Todo not found")


# Robyn has no migration tool; Alembic would manage later schema changes.
@app.startup_handler
def create_tables():
    Base.metadata.create_all(engine)


@app.get("/todos")
def list_todos():
    with SessionLocal() as db:
        return [todo.to_dict() for todo in db.scalars(select(Todo).order_by(Todo.id))]


@app.post("/todos", status_code=201)
def create_todo(data: TodoIn):
    with SessionLocal() as db:
        todo = Todo(**data.model_dump())
        db.add(todo)
        db.commit()
        return todo.to_dict()


@app.get("/todos/:todo_id")
def read_todo(todo_id: int):
    with SessionLocal() as db:
        todo = db.get(Todo, todo_id)
        return todo.to_dict() if todo else not_found()


@app.put("/todos/:todo_id")
def update_todo(todo_id: int, data: TodoIn):
    with SessionLocal() as db:
        todo = db.get(Todo, todo_id)
        if todo is None:
            return not_found()
        todo.title, todo.done = data.title, data.done
        db.commit()
        return todo.to_dict()


@app.delete("/todos/:todo_id")
def delete_todo(todo_id: int):
    with SessionLocal() as db:
        todo = db.get(Todo, todo_id)
        if todo is None:
            return not_found()
        db.delete(todo)
        db.commit()
        return {"deleted": todo_id}


if __name__ == "__main__":
    app.start(port=8080)
