from py4web import action, request


@action("items/<id:int>")
def item(id):
    return {"id": id, "q": request.query.get("q")}
