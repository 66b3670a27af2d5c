from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Todo(Base):
    __tablename__ = "todos"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    done: Mapped[bool] = mapped_column(default=False)

    def __json__(self, request):
        # Pyramid's json renderer calls this to serialise the object.
        return {"id": self.id, "title": self.title, "done": self.done}
