import contextlib

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

engine = create_async_engine("sqlite+aiosqlite:///database.db")
Session = async_sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class Todo(Base):
    __tablename__ = "todos"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    done: Mapped[bool] = mapped_column(default=False)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "done": self.done}


async def read_todo_data(request):
    data = await request.json()
    if not isinstance(data.get("title"), str) or not isinstance(data.get("done", False), bool):
        raise HTTPException(422, "title must be a string and done a boolean")
    return {"title": data["title"], "done": data.get("done", False)}


async def get_or_404(session, todo_id):
    todo = await session.get(Todo, todo_id)
    if todo is None:
        raise HTTPException(404, "Todo not found")
    return todo


class TodoList(HTTPEndpoint):
    async def get(self, request):
        async with Session() as session:
            todos = await session.scalars(select(Todo).order_by(Todo.id))
            return JSONResponse([todo.to_dict() for todo in todos])

    async def post(self, request):
        todo = Todo(**await read_todo_data(request))
        async with Session() as session:
            session.add(todo)
            await session.commit()
        return JSONResponse(todo.to_dict(), status_code=201)


class TodoDetail(HTTPEndpoint):
    async def get(self, request):
        async with Session() as session:
            todo = await get_or_404(session, request.path_params["todo_id"])
            return JSONResponse(todo.to_dict())

    async def put(self, request):
        data = await read_todo_data(request)
        async with Session() as session:
            todo = await get_or_404(session, request.path_params["todo_id"])
            todo.title, todo.done = data["title"], data["done"]
            await session.commit()
            return JSONResponse(todo.to_dict())

    async def delete(self, request):
        async with Session() as session:
            todo = await get_or_404(session, request.path_params["todo_id"])
            await session.delete(todo)
            await session.commit()
        return Response(status_code=204)


@contextlib.asynccontextmanager
async def lifespan(app):
    # Starlette has no migration tool: the tables are created at startup
    # (with SQLAlchemy, Alembic would manage schema changes).
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


app = Starlette(
    routes=[
        Route("/todos", TodoList),
        Route("/todos/{todo_id:int}", TodoDetail),
    ],
    lifespan=lifespan,
)
