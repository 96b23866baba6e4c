"""What the command-line tests share: a demo database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DEMO_AS_OF, DEMO_NOW, run_cli


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "demo.sqlite")
    code, _out, err = run_cli(
        capsys, "--db", path, "demo", "--visits", "40", "--seed", "3", "--as-of", DEMO_AS_OF
    )
    assert code == 0, err
    assert "40" in err
    return path


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-visit demo as of :data:`DEMO_NOW` (every referral and closure state), made
    once per test module."""
    from petitiondesk.services.bootstrap import ensure_defaults
    from petitiondesk.services.demo import load_demo
    from petitiondesk.store.db import Database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = Database.open(path, create=True)
    ensure_defaults(db)
    load_demo(db, visits=200, seed=1, now=DEMO_NOW)
    db.close()
    return path
