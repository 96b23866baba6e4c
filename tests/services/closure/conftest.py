from __future__ import annotations

import pytest

from petitiondesk.store.db import Database
from tests.services.referrals.setup import add_units


@pytest.fixture
def units(db: Database) -> dict[str, int]:
    return add_units(db)
