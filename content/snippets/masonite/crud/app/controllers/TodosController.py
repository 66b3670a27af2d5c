from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response
from masonite.validation import Validator

from app.models.Todo import Todo


class TodosController(Controller):
    def index(self):
        return Todo.order_by("id").get().serialize()

    def store(self, request: Request, response: Response, validate: Validator):
        errors = request.validate(validate.required("title"))
        if errors:
            return response.json({"errors": errors.all()}, status=422)

        todo = Todo.create({"title": request.input("title"), "done": request.input("done", False)})
        return response.json(Todo.find(todo.id).serialize(), status=201)

    def show(self, id, response: Response):
        todo = Todo.find(id)
        if not todo:
            return response.json({"error": "Todo not found"}, status=404)
        return todo.serialize()

    def update(self, id, request: Request, response: Response):
        todo = Todo.find(id)
        if not todo:
            return response.json({"error": "Todo not found"}, status=404)
        todo.update(request.only("title", "done"))
        return Todo.find(id).serialize()

    def destroy(self, id, response: Response):
        todo = Todo.find(id)
        if not todo:
            return response.json({"error": "Todo not found"}, status=404)
        todo.delete()
        return response.json({}, status=204)
