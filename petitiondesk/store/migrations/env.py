"""Alembic environment: always called with a live connection (see store/migrate.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from petitiondesk.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic revision --autogenerate` from a developer shell
        url = config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:"
        with create_engine(url).connect() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
