"""Fixtures for GUI tests: the intake tab, filling it like the clerk, saving and waiting.

(pytest runs with ``--import-mode=importlib``: test modules cannot import helpers from
each other, so shared helpers are fixtures.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.core.identity import Actor
from petitiondesk.gui import operations
from petitiondesk.gui.intake.form import IntakeForm
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.store.db import Database
from tests.helpers import url_of

VALID_ID = "11010519491231002X"  # born 1949-12-31, female


def fill_valid_visit(qtbot: QtBot, form: IntakeForm, **text: str) -> None:
    """A complete walk-in visit. ASCII is typed with keyClicks; Chinese is set (keyClicks
    with Chinese text crashes Qt)."""
    qtbot.keyClicks(form.id_number, text.get("id_number", VALID_ID))
    form.name.setText(text.get("name", "王秀英"))
    qtbot.keyClicks(form.phone, text.get("phone", "13803710123"))
    form.address.setText("青山县城关镇幸福路12号")
    form.category.setCurrentIndex(form.category.findText(text.get("category", "劳动社保")))
    form.summary.setPlainText(text.get("summary", "反映原单位未补缴养老保险费。"))
    form.demands.setPlainText("请求督促补缴。")
    form.receiving_officer.setText("赵敏")


@pytest.fixture
def intake(main_window: Any) -> IntakeTab:
    """The 来访登记 tab of the shown main window."""
    tab: IntakeTab = main_window.intake
    return tab


@pytest.fixture
def fill(qtbot: QtBot, intake: IntakeTab) -> Callable[..., None]:
    """Fill the form with a complete visit; keyword arguments override fields."""
    return lambda **text: fill_valid_visit(qtbot, intake.form, **text)


@pytest.fixture
def save(qtbot: QtBot, intake: IntakeTab) -> Callable[[], None]:
    """Press 保存登记 and wait until the background save has finished."""

    def press_and_wait() -> None:
        intake.save_button.click()
        qtbot.waitUntil(lambda: not intake.is_saving(), timeout=10_000)

    return press_and_wait


@pytest.fixture
def second_desk(db: Database, qtbot: QtBot, gui_actor: Actor) -> Iterator[Any]:
    """Another desk's window on the same register (its own Database object: another
    program on the SQLite file, or another PC on the PostgreSQL database)."""
    from petitiondesk.gui.main_window import MainWindow

    other = Database.open(url_of(db))
    window = MainWindow(other, actor=gui_actor)
    window.show()
    qtbot.waitExposed(window)
    yield window
    operations.wait_for_all(20_000)
    window.intake.form.clear_for_next()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    other.close()
