from masonite.routes import Route

ROUTES = [
    Route.post("/login", "AuthController@login"),
    Route.get("/me", "AuthController@me"),
]
