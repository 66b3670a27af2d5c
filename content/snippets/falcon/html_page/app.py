import falcon
from jinja2 import Environment, FileSystemLoader, select_autoescape

templates = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())


class HelloResource:
    def on_get(self, req, resp, name):
        resp.content_type = falcon.MEDIA_HTML
        resp.text = templates.get_template("hello.html").render(name=name)


app = falcon.App()
app.add_route("/hello/{name}", HelloResource())
