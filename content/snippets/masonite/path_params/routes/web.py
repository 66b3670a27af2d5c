from masonite.routes import Route

ROUTES = [
    Route.get("/items/@id", "ItemsController@show"),
]
