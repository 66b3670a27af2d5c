from itertools import count

from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response
from masonite.validation import Validator

ids = count(1)


class ItemsController(Controller):
    def store(self, request: Request, response: Response, validate: Validator):
        errors = request.validate(
            validate.required(["name", "price"]),
            validate.string("name"),
            validate.numeric("price"),
        )
        if errors:
            return response.json({"errors": errors.all()}, status=422)

        item = {"id": next(ids), "name": request.input("name"), "price": request.input("price")}
        return response.json(item, status=201)
