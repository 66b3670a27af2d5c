from dataclasses import dataclass

from blacksheep import Application, created, delete, get, no_content, not_found, post, put
from blacksheepsqlalchemy import use_sqlalchemy
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Todo

app = Application()
# Registers an AsyncSession per request in the app's services, injected by type.
use_sqlalchemy(app, connection_string="sqlite+aiosqlite:///todos.db")


@dataclass
class TodoInput:
    title: str
    done: bool = False


@get("/todos")
async def list_todos(db_session: AsyncSession):
    async with db_session:
        return list(await db_session.scalars(select(Todo).order_by(Todo.id)))


@post("/todos")
async def create_todo(data: TodoInput, db_session: AsyncSession):
    todo = Todo(title=data.title, done=data.done)
    async with db_session:
        db_session.add(todo)
        await db_session.commit()
    return created(todo)


@get("/todos/{todo_id}")
async def get_todo(todo_id: int, db_session: AsyncSession):
    async with db_session:
        todo = await db_session.get(Todo, todo_id)
    if todo is None:
        return not_found()
    return todo


@put("/todos/{todo_id}")
async def update_todo(todo_id: int, data: TodoInput, db_session: AsyncSession):
    async with db_session:
        todo = await db_session.get(Todo, todo_id)
        if todo is None:
            return not_found()
        todo.title = data.title
        todo.done = data.done
        await db_session.commit()
    return todo


@delete("/todos/{todo_id}")
async def delete_todo(todo_id: int, db_session: AsyncSession):
    async with db_session:
        todo = await db_session.get(Todo, todo_id)
        if todo is None:
            return not_found()
        await db_session.delete(todo)
        await db_session.commit()
    return no_content()
