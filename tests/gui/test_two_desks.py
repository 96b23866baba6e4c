"""Two windows (two desks) on one SQLite file (issue 14): what one desk saves, the other
lists within a few seconds without anyone signalling it; an edit of a case the other desk
changed meanwhile is refused with a message, nothing is overwritten, the typed text stays."""

from __future__ import annotations

from datetime import date
from typing import Any

from petitiondesk.core.enums import AcceptanceDecision, CaseStatus
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.helpers import actor, earlier_today, visit_input

#: The window polls every 2 s; a change must show within a few seconds.
WITHIN_MS = 8_000


def register(db: Database, minutes_ago: int = 5) -> str:
    visit = visit_input(received_at=earlier_today(minutes_ago))
    return register_visit(db, visit, actor=actor()).unwrap().register_no


def test_a_registration_at_one_desk_is_listed_at_the_other(
    main_window: MainWindow, second_desk: MainWindow, qtbot: Any
) -> None:
    for window in (main_window, second_desk):
        qtbot.waitUntil(lambda w=window: w.intake.count_label.text() == "共 0 条")
    register(second_desk.db)  # no hub.notify anywhere: the first desk notices by itself
    qtbot.waitUntil(lambda: main_window.intake.count_label.text() == "共 1 条", timeout=WITHIN_MS)
    register(main_window.db, 10)
    qtbot.waitUntil(lambda: second_desk.intake.count_label.text() == "共 2 条", timeout=WITHIN_MS)


def test_own_writes_are_not_announced_twice(
    main_window: MainWindow, second_desk: MainWindow, qtbot: Any
) -> None:
    for window in (main_window, second_desk):
        window.change_timer.stop()
    seen: list[str] = []
    main_window.hub.changed.connect(seen.append)
    register(main_window.db)
    assert main_window.poll_changes() == set()
    assert seen == []
    assert second_desk.poll_changes() == {"cases"}


def test_an_edit_of_a_case_the_other_desk_changed_is_refused(
    main_window: MainWindow, second_desk: MainWindow, db: Database, qtbot: Any
) -> None:
    number = register(db)
    intake = main_window.intake
    main_window.hub.notify("cases")
    assert intake.select_case(number, date.today())
    qtbot.waitUntil(lambda: intake.selected_register_no() == number)
    dialog = intake.decide_acceptance()
    assert dialog is not None
    dialog.choose(AcceptanceDecision.FORWARD)
    dialog.body.setText("青山县人社局")
    dialog.note.setPlainText("甲窗口填写的备注")

    # Meanwhile the other desk decides the same case.
    other = decide_acceptance(
        second_desk.db,
        number,
        AcceptanceInput(decision=AcceptanceDecision.ACCEPT, decided_on=date.today()),
        actor=actor("钱七"),
    )
    assert other.ok, other.message

    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert "该记录已被其他窗口修改" in dialog.general.text()
    assert "您的修改未保存" in dialog.general.text()
    assert dialog.note.toPlainText() == "甲窗口填写的备注"  # nothing typed is lost
    assert dialog.body.text() == "青山县人社局"
    assert dialog.outcome is None and dialog.ok_button.isEnabled()
    with db.read() as session:
        row = session.query(Petition).filter_by(register_no=number).one()
        assert row.status is CaseStatus.ACCEPTED  # the other desk's decision stands
        assert row.acceptance_note == ""
    dialog.close_button.click()
