from masonite.routes import Route

ROUTES = [
    Route.api("todos", "TodosController"),
]
