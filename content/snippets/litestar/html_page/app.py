from pathlib import Path

from litestar import Litestar, get
from litestar.params import FromPath
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig


@get("/hello/{name:str}")
async def hello(name: FromPath[str]) -> Template:
    return Template(template_name="hello.html", context={"name": name})


app = Litestar(
    [hello],
    template_config=TemplateConfig(directory=Path("templates"), engine=JinjaTemplateEngine),
)
