import itertools

from bottle import Bottle, response
from webargs import fields, validate
from webargs.bottleparser import use_args

app = Bottle()
ids = itertools.count(1)

item_args = {
    "name": fields.Str(required=True),
    "price": fields.Float(required=True, validate=validate.Range(min=0)),
}


@app.post("/items")
@use_args(item_args, location="json")
def create_item(args):
    response.status = 201
    return {"id": next(ids), **args}


# webargs raises an HTTPError (422, or 400 for malformed JSON) whose messages Bottle's
# JSON plugin has already encoded; send them instead of Bottle's HTML error page.
@app.error(400)
@app.error(422)
def validation_error(error):
    return error.body
