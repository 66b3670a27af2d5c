from masonite.routes import Route

ROUTES = [
    Route.post("/items", "ItemsController@store"),
]
