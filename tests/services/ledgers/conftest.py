"""What the ledger tests share: a 200-visit demo (every referral and closure state), made
once per module, and a whole range that covers it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from petitiondesk.store.db import Database

DEMO_NOW = datetime(2026, 11, 20, 12, 0)
ALL = (date(2000, 1, 1), date(2099, 12, 31))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from petitiondesk.services.bootstrap import ensure_defaults
    from petitiondesk.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = Database.open(path, create=True)
    ensure_defaults(db)
    load_demo(db, visits=200, seed=1, now=DEMO_NOW)
    db.close()
    return path


@pytest.fixture
def demo(demo_file: Path) -> Iterator[Database]:
    database = Database.open(demo_file)
    yield database
    database.close()
