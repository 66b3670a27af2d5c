from advanced_alchemy.extensions.litestar import (
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemyPlugin,
    base,
)
from litestar import Litestar, delete, get, post, put
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody
from msgspec import Struct
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column


class Todo(base.BigIntBase):
    __tablename__ = "todo"

    title: Mapped[str]
    done: Mapped[bool] = mapped_column(default=False)


class TodoIn(Struct):
    title: str
    done: bool = False


async def get_todo(db_session: AsyncSession, todo_id: int) -> Todo:
    todo = await db_session.get(Todo, todo_id)
    if todo is None:
        raise NotFoundException(f"Todo {todo_id} not found")
    return todo


@get("/todos")
async def list_todos(db_session: NamedDependency[AsyncSession]) -> list[Todo]:
    return list(await db_session.scalars(select(Todo).order_by(Todo.id)))


@post("/todos")
async def create_todo(data: JSONBody[TodoIn], db_session: NamedDependency[AsyncSession]) -> Todo:
    todo = Todo(title=data.title, done=data.done)
    db_session.add(todo)
    await db_session.flush()
    return todo


@get("/todos/{todo_id:int}")
async def read_todo(todo_id: FromPath[int], db_session: NamedDependency[AsyncSession]) -> Todo:
    return await get_todo(db_session, todo_id)


@put("/todos/{todo_id:int}")
async def update_todo(
    todo_id: FromPath[int], data: JSONBody[TodoIn], db_session: NamedDependency[AsyncSession]
) -> Todo:
    todo = await get_todo(db_session, todo_id)
    todo.title = data.title
    todo.done = data.done
    return todo


@delete("/todos/{todo_id:int}")
async def delete_todo(todo_id: FromPath[int], db_session: NamedDependency[AsyncSession]) -> None:
    await db_session.delete(await get_todo(db_session, todo_id))


alchemy_config = SQLAlchemyAsyncConfig(
    connection_string="sqlite+aiosqlite:///todos.sqlite",
    # Commit the session when the handler succeeded, roll back otherwise.
    before_send_handler="autocommit",
    session_config=AsyncSessionConfig(expire_on_commit=False),
)

app = Litestar(
    [list_todos, create_todo, read_todo, update_todo, delete_todo],
    plugins=[SQLAlchemyPlugin(config=alchemy_config)],
)
