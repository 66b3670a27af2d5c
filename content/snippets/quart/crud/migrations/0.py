async def migrate(connection):
    await connection.execute(
        """CREATE TABLE todo (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               title TEXT NOT NULL,
               done BOOLEAN NOT NULL DEFAULT FALSE
           )"""
    )
