from masonite.controllers import Controller
from masonite.views import View


class HelloController(Controller):
    def show(self, name, view: View):
        return view.render("hello", {"name": name})
