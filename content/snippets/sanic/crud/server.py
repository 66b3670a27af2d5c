from pydantic import BaseModel
from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import empty, json
from sanic_ext import validate
from tortoise.contrib.sanic import register_tortoise

from models import Todo
from settings import TORTOISE_ORM

app = Sanic("TodoApp")
register_tortoise(app, config=TORTOISE_ORM)


class TodoIn(BaseModel):
    title: str
    done: bool = False


async def get_todo(todo_id: int) -> Todo:
    todo = await Todo.get_or_none(id=todo_id)
    if todo is None:
        raise NotFound("Todo not found")
    return todo


@app.get("/todos")
async def list_todos(request):
    return json([todo.to_dict() for todo in await Todo.all().order_by("id")])


@app.post("/todos")
@validate(json=TodoIn)
async def create_todo(request, body: TodoIn):
    todo = await Todo.create(**body.model_dump())
    return json(todo.to_dict(), status=201)


@app.get("/todos/<todo_id:int>")
async def read_todo(request, todo_id: int):
    return json((await get_todo(todo_id)).to_dict())


@app.put("/todos/<todo_id:int>")
@validate(json=TodoIn)
async def update_todo(request, todo_id: int, body: TodoIn):
    todo = await get_todo(todo_id)
    todo.update_from_dict(body.model_dump())
    await todo.save()
    return json(todo.to_dict())


@app.delete("/todos/<todo_id:int>")
async def delete_todo(request, todo_id: int):
    await (await get_todo(todo_id)).delete()
    return empty()
