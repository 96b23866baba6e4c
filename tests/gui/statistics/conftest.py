"""The hand-counted May 2026 register (tests/statistics_register.py)."""

from __future__ import annotations

import pytest

from petitiondesk.store.db import Database
from tests.statistics_register import fill_may_register


@pytest.fixture
def may_db(db: Database) -> Database:
    return fill_may_register(db)
