import asyncio

import aiosqlite
import tornado
from tornado.options import define, options

define("port", default=8888, help="run on the given port", type=int)

# Tornado has no migration tool; like its blog demo, the app creates its table at start-up.
SCHEMA = """
CREATE TABLE IF NOT EXISTS todos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    done BOOLEAN NOT NULL DEFAULT 0
)
"""


def to_dict(row):
    return {"id": row[0], "title": row[1], "done": bool(row[2])}


class BaseHandler(tornado.web.RequestHandler):
    def initialize(self, db):
        self.db = db

    def read_todo(self):
        data = tornado.escape.json_decode(self.request.body)
        if not isinstance(data.get("title"), str):
            raise tornado.web.HTTPError(400, reason="title is required")
        return data["title"], bool(data.get("done", False))

    def write_error(self, status_code, **kwargs):
        self.write({"error": self._reason})


class TodoListHandler(BaseHandler):
    async def get(self):
        async with self.db.execute("SELECT id, title, done FROM todos ORDER BY id") as cursor:
            rows = await cursor.fetchall()
        # write() converts only dicts to JSON, so a list is encoded by hand.
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.write(tornado.escape.json_encode([to_dict(row) for row in rows]))

    async def post(self):
        title, done = self.read_todo()
        cursor = await self.db.execute(
            "INSERT INTO todos (title, done) VALUES (?, ?)", (title, done)
        )
        await self.db.commit()
        self.set_status(201)
        self.write({"id": cursor.lastrowid, "title": title, "done": done})


class TodoHandler(BaseHandler):
    async def get(self, todo_id):
        async with self.db.execute(
            "SELECT id, title, done FROM todos WHERE id = ?", (todo_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise tornado.web.HTTPError(404)
        self.write(to_dict(row))

    async def put(self, todo_id):
        title, done = self.read_todo()
        cursor = await self.db.execute(
            "UPDATE todos SET title = ?, done = ? WHERE id = ?", (title, done, todo_id)
        )
        await self.db.commit()
        if cursor.rowcount == 0:
            raise tornado.web.HTTPError(404)
        self.write({"id": int(todo_id), "title": title, "done": done})

    async def delete(self, todo_id):
        cursor = await self.db.execute("DELETE FROM todos WHERE id = ?", (todo_id,))
        await self.db.commit()
        if cursor.rowcount == 0:
            raise tornado.web.HTTPError(404)
        self.set_status(204)


def make_app(db):
    return tornado.web.Application([
        (r"/todos", TodoListHandler, dict(db=db)),
        (r"/todos/([0-9]+)", TodoHandler, dict(db=db)),
    ])


async def main():
    tornado.options.parse_command_line()
    async with aiosqlite.connect("todos.db") as db:
        await db.execute(SCHEMA)
        app = make_app(db)
        app.listen(options.port)
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
