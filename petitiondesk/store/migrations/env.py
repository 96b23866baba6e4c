"""Alembic environment: always called with a live connection (see store/migrate.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from petitiondesk.store.models import Base
from petitiondesk.store.search_index import is_index_table

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


def _include_name(name: str | None, type_: str, _parents: object) -> bool:
    """The search index's tables are made by hand (FTS5), not from the models."""
    return not (type_ == "table" and name is not None and is_index_table(name))


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
