from py4web import action


@action("hello/<name>")
@action.uses("hello.html")
def hello(name):
    return {"name": name}
