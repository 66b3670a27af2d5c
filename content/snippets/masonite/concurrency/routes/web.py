from masonite.routes import Route

ROUTES = [
    Route.get("/both", "SlowController@both"),
]
