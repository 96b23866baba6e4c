"""The 办结 tab's review request refused out of time (with the day the window closed),
and 撤销办结 with its reason."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import CaseStatus
from petitiondesk.gui.closure.tab import ClosureTab
from petitiondesk.gui.widgets.dates import to_qdate
from petitiondesk.services import closure
from petitiondesk.store.db import Database
from tests.services.closure.setup import audit_count, closed_case, last_audit, status


def _open(tab: ClosureTab, number: str, action: str, day: date) -> Any:
    tab.today = lambda: day
    tab.show_case(number)
    getattr(tab, action).trigger()
    return tab.dialog


def _save(qtbot: QtBot, dialog: Any) -> None:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)


def test_review_request_a_day_late_is_refused_with_the_closing_day(
    qtbot: QtBot, db: Database, main_window: Any
) -> None:
    number = closed_case(db, date(2026, 9, 1))
    window = closure.review_window(db, number)
    assert window is not None
    late = window.last_day + timedelta(days=1)
    dialog = _open(main_window.closure, number, "review_action", late)
    dialog.requested_on.setDate(to_qdate(late))
    before = audit_count(db)
    _save(qtbot, dialog)
    assert dialog.isVisible()
    message = dialog.message_text("requested_on")
    assert f"已于{window.last_day.isoformat()}届满" in message
    assert audit_count(db) == before and status(db, number) is CaseStatus.CLOSED

    dialog.requested_on.setDate(to_qdate(window.last_day))  # the last day is in time
    _save(qtbot, dialog)
    assert not dialog.isVisible() and status(db, number) is CaseStatus.IN_REVIEW


def test_reopen_needs_a_reason_and_is_audited(qtbot: QtBot, db: Database, main_window: Any) -> None:
    number = closed_case(db, date(2026, 9, 1))
    tab: ClosureTab = main_window.closure
    dialog = _open(tab, number, "reopen_action", date(2026, 9, 3))
    _save(qtbot, dialog)
    assert dialog.message_text("reason") and status(db, number) is CaseStatus.CLOSED
    dialog.reason.setPlainText("误将未送达的事项办结。")
    _save(qtbot, dialog)
    assert status(db, number) is CaseStatus.ACCEPTED
    row = last_audit(db)
    assert row.action == "reopen_case" and "误将未送达的事项办结" in row.summary
    assert tab.close_action.isEnabled() and not tab.reopen_action.isEnabled()


def test_print_actions_follow_the_printouts_that_exist(db: Database, main_window: Any) -> None:
    from petitiondesk.gui.closure.printouts import NOT_AVAILABLE
    from petitiondesk.services import printouts

    number = closed_case(db, date(2026, 9, 1))
    tab: ClosureTab = main_window.closure
    tab.show_case(number)
    for action, name in (
        (tab.print_opinion_action, "print_opinion"),
        (tab.print_closure_action, "print_closure_form"),
    ):
        there = hasattr(printouts, name)
        assert action.isEnabled() is there
        assert (action.toolTip() == NOT_AVAILABLE) is not there
    assert not tab.print_decision_action.isEnabled()  # no review decided yet
