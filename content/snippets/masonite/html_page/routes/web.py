from masonite.routes import Route

ROUTES = [
    Route.get("/hello/@name:any", "HelloController@show"),
]
