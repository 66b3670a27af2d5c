from tortoise import fields
from tortoise.models import Model


class Todo(Model):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    done = fields.BooleanField(default=False)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "done": self.done}
