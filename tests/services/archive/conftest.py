from __future__ import annotations

import pytest

from tests.services.archive.setup import Archived, archive_demo


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Archived:
    """The 2025 demo year archived once per test module (with --include-open)."""
    return archive_demo(tmp_path_factory.mktemp("archive"))
