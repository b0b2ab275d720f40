"""Alembic environment: runs on the connection that open_database() shares with it."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from desktop.core.db import include_object
from desktop.core.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Migrate on the shared connection, or on one built from the config's URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section, {}),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata,
                          render_as_batch=True, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()


run()
