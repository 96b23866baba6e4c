"""What the command-line tests share: a demo database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "demo.sqlite")
    code, _out, err = run_cli(capsys, "--db", path, "demo", "--visits", "40", "--seed", "3")
    assert code == 0, err
    assert "40" in err
    return path
