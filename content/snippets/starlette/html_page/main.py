from starlette.applications import Starlette
from starlette.routing import Route
from starlette.templating import Jinja2Templates

templates = Jinja2Templates(directory="templates")


async def hello(request):
    return templates.TemplateResponse(
        request, "hello.html", {"name": request.path_params["name"]}
    )


app = Starlette(routes=[
    Route("/hello/{name}", hello),
])
