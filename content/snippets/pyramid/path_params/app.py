from pyramid.config import Configurator
from pyramid.view import view_config


@view_config(route_name="item", renderer="json")
def item(request):
    return {"id": int(request.matchdict["id"]), "q": request.params.get("q")}


def main():
    with Configurator() as config:
        # The regular expression keeps /items/seven from matching, so it gets a 404.
        config.add_route("item", r"/items/{id:\d+}")
        config.scan()
        app = config.make_wsgi_app()
    return app
