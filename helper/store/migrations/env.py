"""Alembic environment: always called from helper.store.migrate with a live connection."""

from alembic import context

from helper.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTER needs batch mode
)
with context.begin_transaction():
    context.run_migrations()
