"""The office the roster and 四卡 printout tests share, and reading their PDFs back."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from petitiondesk.core.enums import DayOffPolicy, DepartmentKind, ReceptionRuleKind
from petitiondesk.services.appointments import (
    BookingInput,
    book_appointment,
)
from petitiondesk.services.roster import (
    LeaderInput,
    RuleInput,
    generate_roster,
    list_roster,
    save_leader,
    save_reception_rule,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Department,
    OfficeSettings,
)
from tests.helpers import actor

ZHANG, LI = 1, 2  # the conftest leaders
URBAN, LABOUR = 1, 3  # 城乡建设, 劳动社保
Q4 = (date(2026, 10, 1), date(2026, 12, 31))
TODAY = date(2026, 10, 9)
NOW = datetime(2026, 10, 9, 10, 25)
CARD_TITLES = {
    "visitor": "领导接待日通知卡（来访人联）",
    "unit": "领导接待日通知卡（责任单位联）",
    "leader": "领导接待日呈报卡（领导联）",
    "stub": "领导接待日存根（办公室留存）",
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return squeeze("".join(page.extract_text() or "" for page in PdfReader(path).pages))


def cards_text(path: Path) -> dict[str, str]:
    """The text of each card by card id: lines (pieces joined by baseline) belong to the
    card whose title is the nearest one above them (the cards are stacked)."""
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((y, x, text))

    reader.pages[0].extract_text(visitor_text=visit)
    rows: list[tuple[float, list[tuple[float, str]]]] = []
    for y, x, text in sorted(pieces, key=lambda piece: -piece[0]):
        if rows and rows[-1][0] - y < 1.0:
            rows[-1][1].append((x, text))
        else:
            rows.append((y, [(x, text)]))
    lines = {y: squeeze("".join(t for _, t in sorted(row, key=lambda p: p[0]))) for y, row in rows}
    title_y = {
        card: max(y for y, line in lines.items() if title in line)
        for card, title in CARD_TITLES.items()
    }
    texts = dict.fromkeys(CARD_TITLES, "")
    order = sorted(title_y, key=lambda card: -title_y[card])
    for y in sorted(lines, reverse=True):
        above = [card for card in order if title_y[card] >= y]
        if above:
            texts[above[-1]] += lines[y]
    return texts


def set_up_office(db: Database) -> Database:
    """青山县信访局: 张建国 owns 城乡建设, 李红梅 owns 劳动社保; every Monday morning and
    afternoon at the reception centre; the Q4 2026 roster generated."""
    with db.write() as session:
        settings = session.get(OfficeSettings, 1)
        assert settings is not None
        settings.name = "青山县信访局"
        settings.letterhead = "青山县信访局"
        settings.phone = "0371-62345678"
        session.add(Department(name="青山县人力资源和社会保障局", kind=DepartmentKind.EXTERNAL))
    for leader_id, name, title, order, category in (
        (ZHANG, "张建国", "局长", 1, URBAN),
        (LI, "李红梅", "副局长", 2, LABOUR),
    ):
        saved = save_leader(
            db,
            LeaderInput(
                id=leader_id, name=name, title=title, rotation_order=order, category_ids=[category]
            ),
            actor=actor("赵丽"),
        )
        assert saved.ok, saved.errors
    rule = save_reception_rule(
        db,
        RuleInput(
            name="每周一领导接待日",
            kind=ReceptionRuleKind.WEEKDAY,
            weekday=0,
            slots="08:30-12:00;14:30-17:30",
            place="县信访接待中心",
            on_day_off=DayOffPolicy.SKIP,
            capacity=5,
        ),
        actor=actor("赵丽"),
    )
    assert rule.ok, rule.errors
    assert generate_roster(db, *Q4, actor=actor("赵丽")).ok
    return db


#: 孙桂兰's confidential report (检举控告), registered at intake by :func:`register_report`.
REPORTER_PHONE = "13912345678"


def register_report(db: Database) -> None:
    """Register 孙桂兰's confidential report 2026-00001 (劳动社保) through intake."""
    from petitiondesk.services.intake import register_visit
    from tests.helpers import GOOD_ID, visit_input

    register_visit(
        db,
        visit_input(
            name="孙桂兰",
            id_number=GOOD_ID,
            phone=REPORTER_PHONE,
            received_at=datetime(2026, 10, 8, 9, 30),
            category_id=LABOUR,
            summary="检举某单位负责人挪用职工养老保险费。",
            confidential=True,
            accused="某单位负责人",
        ),
        actor=actor("赵丽"),
        now=NOW,
    ).unwrap()


def slot(db: Database, day: date, *, afternoon: bool = False) -> int:
    rows = [r for r in list_roster(db, day, day) if (r.half_day == "下午") == afternoon]
    assert rows, day
    return rows[0].entry_id


def book(db: Database, entry_id: int, **changes: Any) -> int:
    data = BookingInput(
        entry_id=entry_id,
        visitor_name="王秀英",
        category_id=LABOUR,
        phone="13803710123",
        summary="反映原单位改制时未补缴养老保险费，导致养老金偏低。",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    result = book_appointment(db, data, actor=actor("赵敏"), today=TODAY, now=NOW)
    assert result.ok, result.errors
    assert result.value is not None
    return result.value.appointment_id
