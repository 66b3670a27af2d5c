import itertools

import colander
from pyramid.config import Configurator
from pyramid.view import view_config

ids = itertools.count(1)


class Item(colander.MappingSchema):
    name = colander.SchemaNode(colander.String())
    price = colander.SchemaNode(colander.Float(), validator=colander.Range(min=0))


@view_config(route_name="items", request_method="POST", renderer="json")
def create_item(request):
    try:
        item = Item().deserialize(request.json_body)
    except colander.Invalid as error:
        request.response.status = 400
        return {"errors": error.asdict()}
    request.response.status = 201
    return {"id": next(ids), **item}


def main():
    with Configurator() as config:
        config.add_route("items", "/items")
        config.scan()
        app = config.make_wsgi_app()
    return app
