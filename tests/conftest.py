"""Shared fixtures: offscreen Qt, a pinned font, a fresh database file per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("PETITIONDESK_FONT", str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"))

import pytest  # noqa: E402

from petitiondesk.store.db import Database  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh database with the office defaults and two leaders."""
    from petitiondesk.services.bootstrap import ensure_defaults
    from petitiondesk.store.models import Leader

    database = Database.open(db_path)
    ensure_defaults(database)
    with database.write() as session:
        session.add_all(
            [
                Leader(name="张建国", title="局长", rotation_order=1),
                Leader(name="李红梅", title="副局长", rotation_order=2),
            ]
        )
    yield database
    database.close()
