"""文件 → 年底归档…: in the background with progress; a cancel leaves no folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from petitiondesk.gui import archive_run, prompts
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.store.db import Database
from tests.services.archive.setup import YEAR, prepare_demo


def test_archive_from_the_menu(
    qtbot: QtBot, db: Database, main_window: MainWindow, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    prepare_demo(db, tmp_path)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask_year", lambda *_a: YEAR)
    monkeypatch.setattr(prompts, "confirm", lambda _w, _t, text, **_k: asked.append(text) or True)
    monkeypatch.setattr(archive_run, "_ask_folder", lambda _w: tmp_path / "out")
    main_window.archive_action.trigger()
    operation = main_window.archive_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    assert "件未办结" in asked[0]  # open cases: the clerk agreed to list them apart
    assert (tmp_path / "out" / str(YEAR) / "归档文件目录.xlsx").is_file()
    assert f"已归档 {YEAR} 年度 9 件" in main_window.statusBar().currentMessage()


def test_a_cancelled_archive_leaves_no_folder(
    qtbot: QtBot, db: Database, main_window: MainWindow, tmp_path: Path
) -> None:
    prepare_demo(db, tmp_path)
    out = tmp_path / "out"
    operation = archive_run.start_archive(main_window, year=YEAR, out=out, include_open=True)
    assert operation is not None
    operation.cancel()  # the clerk pressed 取消 at once
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    assert main_window.statusBar().currentMessage() == "已取消归档，未留下文件"
    assert not out.exists() or list(out.iterdir()) == []
