from itertools import count

from pydantic import BaseModel, Field
from quart import Quart
from quart_schema import (
    QuartSchema,
    RequestSchemaValidationError,
    validate_request,
    validate_response,
)

app = Quart(__name__)
QuartSchema(app)
ids = count(1)


class ItemIn(BaseModel):
    name: str
    price: float = Field(ge=0)


class Item(ItemIn):
    id: int


@app.post("/items")
@validate_request(ItemIn)
@validate_response(Item, 201)
async def create_item(data: ItemIn) -> tuple[Item, int]:
    return Item(id=next(ids), **data.model_dump()), 201


# By default a failed validation is a bare 400; this says which field failed.
@app.errorhandler(RequestSchemaValidationError)
async def handle_request_validation_error(error):
    return {"errors": str(error.validation_error)}, 400
