"""The 办结 tab for ``tools/screenshot.py --tab closure``.

On top of the demo data: three cases handled by the office (one closed with its 复查
window open, one in 复查, one with only its completion report); the first case awaiting
closure is selected (what is missing for closing shows on the right).
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from petitiondesk.core.enums import (
    AcceptanceDecision,
    Channel,
    DeliveryMethod,
    OpinionDecision,
    ReviewLevel,
    Satisfaction,
    SurveyMethod,
)
from petitiondesk.core.identity import Role, issue
from petitiondesk.gui.app import open_database
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import acceptance, closure, intake
from petitiondesk.store.db import Database

ACTOR = issue("赵丽", Role.ADMIN)
PEOPLE = (
    ("周建国", "41012219650312101", "反映村集体土地征收补偿款分配不公。"),
    ("陈淑芬", "41012219700815202", "反映所在小区物业公司擅自提高物业费。"),
    ("刘志强", "41012219820101303", "反映原单位拖欠工资两个月未发放。"),
)


def _own_case(db: Database, name: str, first17: str, summary: str, received: date) -> str:
    from screenshot import id_number

    visit = intake.VisitInput(
        channel=Channel.VISIT,
        received_at=datetime.combine(received, datetime.min.time()).replace(hour=9),
        name=name,
        id_number=id_number(first17),
        phone="13937100000",
        address="青山县城关镇",
        category_id=1,
        summary=summary,
        receiving_officer="赵敏",
    )
    number = intake.register_visit(db, visit, actor=ACTOR, now=visit.received_at).unwrap()
    decided = acceptance.AcceptanceInput(AcceptanceDecision.ACCEPT, received)
    acceptance.decide_acceptance(
        db, number.register_no, decided, actor=ACTOR, today=received
    ).unwrap()
    return number.register_no


def _answer(db: Database, number: str, on: date, today: date) -> None:
    report = closure.CompletionReportInput(None, on, "经调查核实，已责成有关方面依法处理。")
    closure.record_completion_report(db, number, report, actor=ACTOR, today=today).unwrap()
    draft = closure.draft_opinion(db, number, today=on)
    assert draft is not None
    draft.decision, draft.facts = OpinionDecision.SUPPORT, "经调查，反映情况属实。"
    closure.save_opinion(db, number, draft, actor=ACTOR, today=today).unwrap()
    hand = closure.DeliveryInput(DeliveryMethod.IN_PERSON, on, signer="本人")
    closure.record_delivery(db, number, hand, actor=ACTOR, today=today).unwrap()
    survey = closure.SatisfactionInput(Satisfaction.BASICALLY, SurveyMethod.PHONE, on)
    closure.record_satisfaction(db, number, survey, actor=ACTOR, today=today).unwrap()
    closure.close_case(db, number, closed_on=on, actor=ACTOR, today=today).unwrap()


def prepare_closure(db_path: Path, today: date) -> str | None:
    """The three cases; returns the one to select (awaiting closure)."""
    db = open_database(str(db_path))
    try:
        start = today - timedelta(days=45)
        numbers = [_own_case(db, *person, start) for person in PEOPLE]
        _answer(db, numbers[0], today - timedelta(days=8), today)
        _answer(db, numbers[1], today - timedelta(days=20), today)
        ask = closure.ReviewInput(
            ReviewLevel.REVIEW, today - timedelta(days=5), body="青山市信访局"
        )
        closure.request_review(db, numbers[1], ask, actor=ACTOR, today=today).unwrap()
        report = closure.CompletionReportInput(None, today, "已约谈用人单位，工资已补发。")
        closure.record_completion_report(db, numbers[2], report, actor=ACTOR, today=today)
        awaiting = closure.closure_board(db, today).awaiting  # the demo's reported cases
        return awaiting[0].register_no if awaiting else numbers[2]
    except Exception as exc:  # noqa: BLE001 - a screenshot without these cases still helps
        print("closure cases not prepared:", exc, file=sys.stderr)
        return None
    finally:
        db.close()


def show_closure(window: MainWindow, number: str | None) -> None:
    """The 办结 tab with ``number`` selected."""
    tab = window.closure
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    if number:
        tab.show_case(number)
        for row in range(tab.awaiting.rowCount()):
            if tab.awaiting.item(row, 0).text() == number:
                tab.awaiting.selectRow(row)
