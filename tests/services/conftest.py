"""Fixtures of the service tests: ``desk_b``, a second desk on the test's register."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from petitiondesk.store.db import Database
from tests.helpers import url_of


@pytest.fixture
def desk_b(db: Database) -> Iterator[Database]:
    """The second desk (issue 14): its own Database object on the same register."""
    other = Database.open(url_of(db))
    yield other
    other.close()
