from alembic import context
from sqlalchemy import engine_from_config

from models import Base

config = context.config
engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.")

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
