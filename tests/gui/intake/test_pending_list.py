"""The 待告知 list shows each deadline, earliest first, overdue red and due-soon amber
(within the office's window), estimates marked (issue 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui.intake import pending_dialog
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services import acceptance, settings
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.helpers import actor, admin


def register(db: Database, name: str, days_ago: int) -> str:
    received = datetime.now().replace(second=0, microsecond=0) - timedelta(days=days_ago)
    visit = VisitInput(
        channel=Channel.PHONE,
        received_at=received,
        name=name,
        category_id=7,
        summary="询问低保政策",
        receiving_officer="赵敏",
    )
    return register_visit(db, visit, actor=actor("test")).unwrap().register_no


def set_due(db: Database, register_no: str, days: int, *, estimate: bool = False) -> None:
    from sqlalchemy import select

    with db.write() as session:
        petition = session.scalars(
            select(Petition).where(Petition.register_no == register_no)
        ).one()
        petition.acceptance_due = datetime.now().date() + timedelta(days=days)
        petition.acceptance_due_uncovered = estimate


def test_pending_notices_come_from_the_service_by_deadline(db: Database) -> None:
    late, soon, later = (register(db, n, 1) for n in ("甲", "乙", "丙"))
    set_due(db, late, -2)
    set_due(db, soon, 4, estimate=True)
    set_due(db, later, 9)
    profile = settings.get_office_settings(db)
    assert settings.update_office_settings(
        db, type(profile)(**{**profile.__dict__, "due_soon_days": 5}), actor=admin()
    ).ok
    notices = acceptance.pending_notices(db, datetime.now().date())
    assert [row.register_no for row in notices.rows] == [late, soon, later]
    assert notices.due_soon_days == 5
    assert (notices.overdue, notices.due_soon) == (1, 1)
    assert notices.rows[1].estimate and not notices.rows[0].estimate


def test_the_list_shows_deadlines_earliest_first_and_marks_them(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    later, late, soon = (register(db, n, 1) for n in ("甲", "乙", "丙"))
    set_due(db, later, 9)
    set_due(db, late, -3)
    set_due(db, soon, 2, estimate=True)
    intake.hub.notify("cases")
    qtbot.waitUntil(lambda: intake.pending_button.text().startswith("待告知 3 件"))
    assert "超期 1" in intake.pending_button.text()
    intake.pending_button.click()
    dialog = intake.pending_dialog
    assert isinstance(dialog, pending_dialog.PendingDialog)
    table = dialog.table
    numbers = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert numbers == [late, soon, later]
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert "告知期限" in headers
    overdue_left = table.item(0, pending_dialog.COL_LEFT)
    assert overdue_left.text() == "已超期 3 天"
    assert overdue_left.foreground().color().name() == pending_dialog.ERROR_COLOR.lower()
    soon_due = table.item(1, pending_dialog.COL_DUE)
    assert soon_due.text().endswith("（估算）")
    assert soon_due.foreground().color().name() == pending_dialog.WARN_COLOR
    assert table.item(2, pending_dialog.COL_LEFT).text() == "还剩 9 天"
    assert table.item(2, pending_dialog.COL_LEFT).foreground().style().name == "NoBrush"
    # Choosing a row shows that case in the register.
    table.selectRow(1)
    dialog._choose()
    assert intake.selected_register_no() == soon
