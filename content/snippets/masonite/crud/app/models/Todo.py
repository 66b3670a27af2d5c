""" Todo Model """

from masoniteorm.models import Model


class Todo(Model):
    """Todo Model"""

    __fillable__ = ["title", "done"]
    __casts__ = {"done": "bool"}
    __timestamps__ = False
