from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, mapped_column


# MappedAsDataclass makes each model a dataclass, which BlackSheep serializes to JSON.
class Base(MappedAsDataclass, DeclarativeBase):
    pass


class Todo(Base):
    __tablename__ = "todo"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    title: Mapped[str]
    done: Mapped[bool] = mapped_column(default=False)
