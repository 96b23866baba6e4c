"""`petitiondesk --version` and the build info behind it (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from petitiondesk import cli
from petitiondesk.version import SOURCE_BUILD, BuildInfo, __version__, read_build_info
from tests.helpers import run_cli


def test_version_names_the_release_and_how_it_was_built(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(capsys, "--version")
    assert code == 0 and err == ""
    assert out.strip() == f"petitiondesk {__version__}（{SOURCE_BUILD}）"


def test_a_bundle_says_its_build_date(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    info = tmp_path / "build_info.json"
    info.write_text(
        json.dumps({"version": __version__, "build_date": "2026-12-04", "commit": "a56dbe5"}),
        encoding="utf-8",
    )
    monkeypatch.setattr(cli, "build_info", lambda: read_build_info(info))
    code, out, _err = run_cli(capsys, "--version")
    assert code == 0
    assert out.strip() == f"petitiondesk {__version__}（构建于 2026-12-04，a56dbe5）"


def test_the_package_version_is_the_one_in_version_py() -> None:
    import petitiondesk

    assert petitiondesk.__version__ == __version__
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert 'version = {attr = "petitiondesk.version.__version__"}' in pyproject.read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", '{"version": ""}'])
def test_a_missing_or_broken_build_info_means_run_from_source(tmp_path: Path, content: str) -> None:
    info = tmp_path / "build_info.json"
    if content:
        info.write_text(content, encoding="utf-8")
    assert read_build_info(info) == BuildInfo(__version__, SOURCE_BUILD)
    assert not read_build_info(info).bundled
