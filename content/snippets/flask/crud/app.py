from flask import Flask, abort, request
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()


class Todo(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    done: Mapped[bool] = mapped_column(default=False)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "done": self.done}


app = Flask(__name__)
# Flask-SQLAlchemy puts a relative SQLite path in the app's instance folder.
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///todos.db"
db.init_app(app)
migrate.init_app(app, db)


def todo_data():
    data = request.get_json()
    if not isinstance(data.get("title"), str):
        abort(400, description="title is required")
    return data


@app.get("/todos")
def list_todos():
    todos = db.session.execute(db.select(Todo).order_by(Todo.id)).scalars()
    return [todo.to_dict() for todo in todos]


@app.post("/todos")
def create_todo():
    data = todo_data()
    todo = Todo(title=data["title"], done=data.get("done", False))
    db.session.add(todo)
    db.session.commit()
    return todo.to_dict(), 201


@app.get("/todos/<int:todo_id>")
def read_todo(todo_id):
    return db.get_or_404(Todo, todo_id).to_dict()


@app.put("/todos/<int:todo_id>")
def update_todo(todo_id):
    todo = db.get_or_404(Todo, todo_id)
    data = todo_data()
    todo.title = data["title"]
    todo.done = data.get("done", False)
    db.session.commit()
    return todo.to_dict()


@app.delete("/todos/<int:todo_id>")
def delete_todo(todo_id):
    todo = db.get_or_404(Todo, todo_id)
    db.session.delete(todo)
    db.session.commit()
    return "", 204
