"""Texts of the window that a new clerk reads first (issue 9): the empty roster's hint,
where the roster table is, the 关于 box."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

import petitiondesk
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.roster import view as roster_view
from petitiondesk.gui.tabs import TAB_ROSTER
from petitiondesk.store.db import Database


def test_an_empty_roster_says_what_to_do(main_window: MainWindow) -> None:
    main_window.tabs.setCurrentIndex(TAB_ROSTER)
    QApplication.processEvents()
    roster = main_window.roster
    assert roster.model.rowCount() == 0
    assert roster.empty_hint.isVisible()
    text = roster.empty_hint.text()
    assert "领导与接待规则" in text and "Ctrl+G" in text


def test_the_slot_hint_points_up_not_left() -> None:
    assert "左侧" not in roster_view.HINT_NO_SLOT
    assert "上方" in roster_view.HINT_NO_SLOT


def test_about_describes_the_program_as_it_is(
    db: Database, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda _p, _t, text: shown.append(text)))
    main_window.about_action.trigger()
    text = shown[0]
    for word in ("排班", "登记", "受理", "打印", "节假日", "设置", "打印所用字体"):
        assert word in text, word
    assert petitiondesk.__version__ in text and str(db.path) in text
    assert "wqy-microhei" in text or ".tt" in text  # the font file printing embeds
