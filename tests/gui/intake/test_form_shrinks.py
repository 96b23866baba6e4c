"""The form grows when messages appear under its fields and shrinks back when they go
(issue 9)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.gui.intake.tab import IntakeTab


def top_height(intake: IntakeTab) -> int:
    QApplication.processEvents()
    return intake.splitter.sizes()[0]


def test_form_shrinks_back_when_the_messages_clear(
    qtbot: QtBot, main_window: object, intake: IntakeTab, fill: Callable[..., None]
) -> None:
    intake.fit_form()
    before = top_height(intake)
    intake.save_button.click()  # nothing typed: messages under the fields
    qtbot.waitUntil(lambda: top_height(intake) > before + 20)
    grown = top_height(intake)
    fill()  # typing clears each field's message (the ID number gets a one-line note)
    assert not [k for k, m in intake.form.messages.items() if m.isVisible() and m.is_error]
    note = intake.form.messages["id_number"].sizeHint().height() + 2
    qtbot.waitUntil(lambda: top_height(intake) <= before + note, timeout=3000)
    assert top_height(intake) < grown


def _visible(intake: IntakeTab) -> list[str]:
    return [k for k, m in intake.form.messages.items() if m.isVisible()]
