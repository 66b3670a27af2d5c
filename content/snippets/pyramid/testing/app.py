from pyramid.config import Configurator
from pyramid.view import view_config


@view_config(route_name="hello", renderer="json")
def hello(request):
    return {"message": "Hello, World!"}


def main():
    with Configurator() as config:
        config.add_route("hello", "/")
        config.scan()
        app = config.make_wsgi_app()
    return app
