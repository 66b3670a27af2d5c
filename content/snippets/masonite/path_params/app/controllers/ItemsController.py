from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response


class ItemsController(Controller):
    def show(self, id, request: Request, response: Response):
        if not id.isdigit():
            return response.json({"errors": {"id": ["The id must be an integer."]}}, status=422)
        return {"id": int(id), "q": request.input("q", None)}
