import falcon
from falcon.media.validators import jsonschema
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, create_engine

metadata = MetaData()
todos = Table(
    "todos",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String, nullable=False),
    Column("done", Boolean, nullable=False, default=False),
)

TODO_SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "done": {"type": "boolean"}},
    "required": ["title"],
}


class TodosResource:
    def __init__(self, engine):
        self._engine = engine

    def _get_or_404(self, connection, todo_id):
        row = connection.execute(todos.select().where(todos.c.id == todo_id)).mappings().first()
        if row is None:
            raise falcon.HTTPNotFound()
        return dict(row)

    def on_get(self, req, resp):
        with self._engine.connect() as connection:
            rows = connection.execute(todos.select().order_by(todos.c.id)).mappings()
            resp.media = [dict(row) for row in rows]

    @jsonschema.validate(TODO_SCHEMA)
    def on_post(self, req, resp):
        values = {"title": req.media["title"], "done": req.media.get("done", False)}
        with self._engine.begin() as connection:
            result = connection.execute(todos.insert().values(**values))
            resp.media = self._get_or_404(connection, result.inserted_primary_key.id)
        resp.status = falcon.HTTP_201

    def on_get_todo(self, req, resp, todo_id):
        with self._engine.connect() as connection:
            resp.media = self._get_or_404(connection, todo_id)

    @jsonschema.validate(TODO_SCHEMA)
    def on_put_todo(self, req, resp, todo_id):
        values = {"title": req.media["title"], "done": req.media.get("done", False)}
        with self._engine.begin() as connection:
            self._get_or_404(connection, todo_id)
            connection.execute(todos.update().where(todos.c.id == todo_id).values(**values))
            resp.media = self._get_or_404(connection, todo_id)

    def on_delete_todo(self, req, resp, todo_id):
        with self._engine.begin() as connection:
            self._get_or_404(connection, todo_id)
            connection.execute(todos.delete().where(todos.c.id == todo_id))
        resp.status = falcon.HTTP_204


engine = create_engine("sqlite:///todos.db")
# Falcon has no migration tool; without one (such as Alembic) the table is created at startup.
metadata.create_all(engine)

app = falcon.App()
resource = TodosResource(engine)
app.add_route("/todos", resource)
app.add_route("/todos/{todo_id:int}", resource, suffix="todo")
