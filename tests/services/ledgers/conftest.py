"""What the ledger tests share: a 200-visit demo (every referral and closure state), made
once per module on each backend (SQLite file; PostgreSQL database, issue 14), and a whole
range that covers it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from petitiondesk.store.db import Database

DEMO_NOW = datetime(2026, 11, 20, 12, 0)
ALL = (date(2000, 1, 1), date(2099, 12, 31))


def _load(target: Path | str) -> None:
    from petitiondesk.services.bootstrap import ensure_defaults
    from petitiondesk.services.demo import load_demo

    db = Database.open(target, create=True)
    ensure_defaults(db)
    load_demo(db, visits=200, seed=1, now=DEMO_NOW)
    db.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    _load(path)
    return path


@pytest.fixture(scope="module")
def demo_pg_url(pg_server: Any) -> Iterator[str]:
    url: str = pg_server.create_database()
    _load(url)
    yield url
    pg_server.drop_database(url)


@pytest.fixture
def demo(request: pytest.FixtureRequest, backend: str) -> Iterator[Database]:
    """The module's demo on ``backend``."""
    fixture = "demo_pg_url" if backend == "postgresql" else "demo_file"
    database = Database.open(request.getfixturevalue(fixture))
    yield database
    database.close()
