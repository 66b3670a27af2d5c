import colander
import zope.sqlalchemy
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPNoContent, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import engine_from_config, select
from sqlalchemy.orm import sessionmaker

from models import Todo


class TodoSchema(colander.MappingSchema):
    title = colander.SchemaNode(colander.String())
    done = colander.SchemaNode(colander.Boolean(), missing=False)


def get_todo(request):
    todo = request.dbsession.get(Todo, int(request.matchdict["id"]))
    if todo is None:
        raise HTTPNotFound()
    return todo


@view_config(route_name="todos", request_method="GET", renderer="json")
def list_todos(request):
    return request.dbsession.scalars(select(Todo).order_by(Todo.id)).all()


@view_config(route_name="todos", request_method="POST", renderer="json")
def create_todo(request):
    todo = Todo(**TodoSchema().deserialize(request.json_body))
    request.dbsession.add(todo)
    request.dbsession.flush()  # assigns the id
    request.response.status = 201
    return todo


@view_config(route_name="todo", request_method="GET", renderer="json")
def show_todo(request):
    return get_todo(request)


@view_config(route_name="todo", request_method="PUT", renderer="json")
def update_todo(request):
    todo = get_todo(request)
    data = TodoSchema().deserialize(request.json_body)
    todo.title, todo.done = data["title"], data["done"]
    return todo


@view_config(route_name="todo", request_method="DELETE")
def delete_todo(request):
    request.dbsession.delete(get_todo(request))
    return HTTPNoContent()


@view_config(context=colander.Invalid, renderer="json")
def invalid(error, request):
    request.response.status = 400
    return {"errors": error.asdict()}


def main():
    settings = {"sqlalchemy.url": "sqlite:///todos.sqlite"}
    with Configurator(settings=settings) as config:
        # pyramid_tm commits the request's transaction when the view succeeds and
        # aborts it when it raises; zope.sqlalchemy joins each session to it.
        config.include("pyramid_tm")
        session_factory = sessionmaker(bind=engine_from_config(settings, "sqlalchemy."))

        def dbsession(request):
            session = session_factory()
            zope.sqlalchemy.register(session, transaction_manager=request.tm)
            return session

        config.add_request_method(dbsession, reify=True)
        config.add_route("todos", "/todos")
        config.add_route("todo", r"/todos/{id:\d+}")
        config.scan()
        app = config.make_wsgi_app()
    return app
