import falcon


class ItemResource:
    def on_get(self, req, resp, item_id):
        resp.media = {"id": item_id, "q": req.get_param("q")}


app = falcon.App()
# The int converter turns the field into an integer; any other value matches no route (404).
app.add_route("/items/{item_id:int}", ItemResource())
