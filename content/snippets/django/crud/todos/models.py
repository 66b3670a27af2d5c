from django.db import models


class Todo(models.Model):
    title = models.CharField(max_length=200)
    done = models.BooleanField(default=False)

    def as_dict(self):
        return {"id": self.id, "title": self.title, "done": self.done}
