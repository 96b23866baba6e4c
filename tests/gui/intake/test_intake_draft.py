"""The intake form's autosaved draft: written after typing, offered back at the next
start, cleared when the registration is saved or the form emptied."""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.gui import operations, prompts
from petitiondesk.gui.intake import draft
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import drafts
from petitiondesk.store.db import Database
from tests.helpers import actor


def draft_file(db: Database) -> Path:
    assert db.path is not None
    return drafts.draft_path(db.path)


def test_draft_written_after_typing(qtbot: QtBot, intake: IntakeTab, db: Database) -> None:
    assert intake.draft.timer.interval() == draft.DELAY_MS
    qtbot.keyClicks(intake.form.phone, "13803710123")
    intake.form.name.setText("王秀英")
    intake.form.summary.setPlainText("反映原单位未补缴养老保险费。")
    path = draft_file(db)
    qtbot.waitUntil(path.exists, timeout=draft.DELAY_MS + 3_000)
    with path.open(encoding="utf-8") as stream:
        fields = json.load(stream)["fields"]
    assert fields["name"] == "王秀英"
    assert fields["phone"] == "13803710123"
    assert fields["summary"] == "反映原单位未补缴养老保险费。"
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _new_window(db: Database, qtbot: QtBot) -> MainWindow:
    window = MainWindow(db, actor=actor())
    window.show()
    qtbot.waitExposed(window)
    return window


def _close(window: MainWindow) -> None:
    operations.wait_for_all(20_000)
    window.intake.form.clear_for_next()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def test_draft_offered_and_restored_at_next_start(
    qtbot: QtBot,
    intake: IntakeTab,
    db: Database,
    fill: Callable[..., None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    intake.draft.timer.setInterval(100)
    fill(name="李四")
    intake.form.people_count.setValue(3)
    intake.form.representatives.lines[0].name.setText("代表甲")
    intake.form.confidential.setChecked(True)
    before = draft.form_values(intake.form)
    path = draft_file(db)
    qtbot.waitUntil(lambda: drafts.load_draft(path) == before, timeout=5_000)

    asked: list[str] = []

    def answer_yes(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(prompts, "confirm", answer_yes)
    # The first window stands for the program that crashed; the second is the next start.
    second = _new_window(db, qtbot)
    try:
        qtbot.waitUntil(lambda: second.intake.form.name.text() == "李四", timeout=5_000)
        assert asked == [draft.QUESTION]
        assert draft.form_values(second.intake.form) == before
        assert second.intake.form.is_dirty()
    finally:
        _close(second)
    assert not path.exists()  # left on purpose by closing: not offered again


def test_draft_declined_is_removed(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = draft_file(db)
    drafts.save_draft(path, {"name": "王五"})
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)
    window = _new_window(db, qtbot)
    try:
        qtbot.waitUntil(lambda: not path.exists(), timeout=5_000)
        assert window.intake.form.name.text() == ""
    finally:
        _close(window)


def test_saving_clears_the_draft(
    qtbot: QtBot,
    intake: IntakeTab,
    db: Database,
    fill: Callable[..., None],
    save: Callable[[], None],
) -> None:
    intake.draft.timer.setInterval(100)
    fill()
    path = draft_file(db)
    qtbot.waitUntil(path.exists, timeout=5_000)
    save()
    assert intake.last_saved is not None
    assert not path.exists()


def test_clearing_the_form_clears_the_draft(
    qtbot: QtBot,
    intake: IntakeTab,
    db: Database,
    fill: Callable[..., None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    intake.draft.timer.setInterval(100)
    fill()
    path = draft_file(db)
    qtbot.waitUntil(path.exists, timeout=5_000)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    assert intake.clear_form()
    assert not path.exists()


def test_unreadable_draft_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite.draft.json"
    path.write_text("{not json", encoding="utf-8")
    assert drafts.load_draft(path) is None
    assert drafts.load_draft(tmp_path / "missing.json") is None
