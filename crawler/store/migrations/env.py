"""Alembic environment: runs migrations on the connection handed over by crawler.store.engine."""

from __future__ import annotations

from alembic import context

from crawler.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # the alembic command line, with sqlalchemy.url set in its config
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url") or "").connect()

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
