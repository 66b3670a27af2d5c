import time
from concurrent.futures import ThreadPoolExecutor

from pyramid.config import Configurator
from pyramid.view import view_config

# Pyramid views are synchronous, so blocking work runs side by side in threads.
executor = ThreadPoolExecutor(max_workers=8)


def fetch(name):
    time.sleep(0.2)  # stands in for a blocking call to a database or another service
    return name


@view_config(route_name="both", renderer="json")
def both(request):
    return {"results": list(executor.map(fetch, ["first", "second"]))}


def main():
    with Configurator() as config:
        config.add_route("both", "/both")
        config.scan()
        app = config.make_wsgi_app()
    return app
