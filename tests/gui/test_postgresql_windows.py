"""Two windows (two desks) on one PostgreSQL register (issue 14): both open, what one
desk registers the other lists within seconds, told by PostgreSQL's NOTIFY (nobody
signals the windows by hand)."""

from __future__ import annotations

from typing import Any

import pytest

from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor, earlier_today, visit_input

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def test_two_windows_on_one_postgresql_database(
    main_window: MainWindow, second_desk: MainWindow, db: Database, qtbot: Any
) -> None:
    assert db.url.get_backend_name() == "postgresql"
    for window in (main_window, second_desk):
        qtbot.waitUntil(lambda w=window: w.intake.count_label.text() == "共 0 条")
    made = register_visit(
        second_desk.db, visit_input(received_at=earlier_today()), actor=actor("李敏")
    )
    assert made.ok, made.message
    qtbot.waitUntil(lambda: main_window.intake.count_label.text() == "共 1 条", timeout=8000)
    again = register_visit(
        main_window.db,
        visit_input(received_at=earlier_today(2)),
        actor=actor(),
    )
    assert again.ok, again.message
    qtbot.waitUntil(lambda: second_desk.intake.count_label.text() == "共 2 条", timeout=8000)
