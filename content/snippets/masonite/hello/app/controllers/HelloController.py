from masonite.controllers import Controller


class HelloController(Controller):
    def show(self):
        return {"message": "Hello, World!"}
