import contextlib

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Todo(Base):
    __tablename__ = "todos"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    done: Mapped[bool] = mapped_column(default=False)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "done": self.done}


db_session = web.AppKey("db_session", async_sessionmaker[AsyncSession])
routes = web.RouteTableDef()


# Runs at start-up and, after the yield, at clean-up. aiohttp has no migration
# tool, so the table is created here (Alembic is the usual choice as it grows).
@contextlib.asynccontextmanager
async def database(app):
    engine = create_async_engine("sqlite+aiosqlite:///todos.db")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    app[db_session] = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


async def read_todo(request):
    data = await request.json()
    if not isinstance(data.get("title"), str):
        raise web.HTTPBadRequest(text="title is required")
    return data["title"], bool(data.get("done", False))


async def get_or_404(session, todo_id):
    todo = await session.get(Todo, int(todo_id))
    if todo is None:
        raise web.HTTPNotFound(text="todo not found")
    return todo


@routes.get("/todos")
async def list_todos(request):
    async with request.app[db_session]() as session:
        todos = await session.scalars(select(Todo).order_by(Todo.id))
        return web.json_response([todo.to_dict() for todo in todos])


@routes.post("/todos")
async def create_todo(request):
    title, done = await read_todo(request)
    async with request.app[db_session]() as session:
        todo = Todo(title=title, done=done)
        session.add(todo)
        await session.commit()
        return web.json_response(todo.to_dict(), status=201)


@routes.get(r"/todos/{id:\d+}")
async def get_todo(request):
    async with request.app[db_session]() as session:
        todo = await get_or_404(session, request.match_info["id"])
        return web.json_response(todo.to_dict())


@routes.put(r"/todos/{id:\d+}")
async def update_todo(request):
    title, done = await read_todo(request)
    async with request.app[db_session]() as session:
        todo = await get_or_404(session, request.match_info["id"])
        todo.title, todo.done = title, done
        await session.commit()
        return web.json_response(todo.to_dict())


@routes.delete(r"/todos/{id:\d+}")
async def delete_todo(request):
    async with request.app[db_session]() as session:
        todo = await get_or_404(session, request.match_info["id"])
        await session.delete(todo)
        await session.commit()
        return web.Response(status=204)


def init_app(argv=None):
    app = web.Application()
    app.cleanup_ctx.append(database)
    app.add_routes(routes)
    return app
