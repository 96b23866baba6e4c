"""services.roster_print: the published roster and the 四卡 from the database, read back."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from petitiondesk.core.enums import Channel, DayOffPolicy, DepartmentKind, ReceptionRuleKind, Sex
from petitiondesk.services.appointments import (
    BookingInput,
    WalkInInput,
    book_appointment,
    cancel_appointment,
    register_walk_in,
)
from petitiondesk.services.roster import (
    LeaderInput,
    RuleInput,
    generate_roster,
    list_roster,
    save_leader,
    save_reception_rule,
    substitute,
)
from petitiondesk.services.roster_print import (
    booking_no_of,
    card_values,
    period_text,
    portfolio_for_print,
    print_cards,
    print_roster,
    responsible_units,
    roster_file_name,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Appointment,
    Department,
    OfficeSettings,
    Petition,
    Petitioner,
)

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


@pytest.fixture
def office(db: Database) -> Database:
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
            actor="赵丽",
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
        actor="赵丽",
    )
    assert rule.ok, rule.errors
    assert generate_roster(db, *Q4, actor="赵丽").ok
    return db


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
    result = book_appointment(db, data, actor="赵敏", today=TODAY, now=NOW)
    assert result.ok, result.errors
    assert result.value is not None
    return result.value.appointment_id


# --- the period ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (date(2026, 11, 1), date(2026, 11, 30), "2026年11月"),
        (date(2026, 2, 1), date(2026, 2, 28), "2026年2月"),
        (date(2026, 10, 1), date(2026, 12, 31), "2026年第四季度"),
        (date(2027, 1, 1), date(2027, 3, 31), "2027年第一季度"),
        (date(2026, 1, 1), date(2026, 12, 31), "2026年"),
        (date(2026, 11, 3), date(2027, 1, 15), "2026年11月3日至2027年1月15日"),
        (date(2026, 11, 1), date(2026, 11, 29), "2026年11月1日至2026年11月29日"),
        (date(2026, 11, 9), date(2026, 11, 9), "2026年11月9日"),
    ],
)
def test_period_text(first: date, last: date, text: str) -> None:
    assert period_text(first, last) == text


def test_file_name_names_office_and_period() -> None:
    assert (
        roster_file_name("青山县信访局", *Q4, ".xlsx")
        == "青山县信访局领导接待日安排表（2026年第四季度）.xlsx"
    )


# --- the published roster ----------------------------------------------------------------------


def test_roster_pdf_lists_leaders_dates_and_weekdays(office: Database, tmp_path: Path) -> None:
    out = tmp_path / "公示" / "roster.pdf"
    result = print_roster(office, *Q4, out, published_on=date(2026, 9, 25))
    assert result.ok, result.errors
    rows = list_roster(office, *Q4)
    assert result.value == len(rows) == 2 * 12  # 13 Mondays, 国庆 10-05 skipped
    text = pdf_text(out)
    assert "青山县信访局领导接待日安排表" in text
    assert "2026年第四季度" in text
    for row in rows:
        assert f"{row.day.year}年{row.day.month}月{row.day.day}日" in text
    assert "2026年10月5日" not in text  # the National Day holiday Monday
    assert text.count("星期一") >= 12
    assert "08:30—12:00" in text and "14:30—17:30" in text
    for name, title, portfolio in (
        ("张建国", "局长", "城乡建设"),
        ("李红梅", "副局长", "劳动社保"),
    ):
        assert name in text and title in text and portfolio in text
    assert "监督电话：0371-62345678" in text
    assert "公示日期：2026年9月25日" in text
    assert "（待核）" not in text  # 2026 is covered by the holiday table


def test_roster_xlsx_cells_read_back(office: Database, tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    result = print_roster(office, *Q4, out)
    assert result.ok, result.errors
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(values) if row and row[0] == "日期")
    assert list(values[header_at][:8]) == [
        "日期",
        "星期",
        "时间",
        "地点",
        "接待领导",
        "职务",
        "分管领域",
        "陪同科室",
    ]
    data = [row for row in values[header_at + 1 :] if isinstance(row[0], datetime | date)]
    assert len(data) == result.value == 24
    first = data[0]
    assert first[0] in (date(2026, 10, 12), datetime(2026, 10, 12))
    assert first[1:5] == ("星期一", "08:30—12:00", "县信访接待中心", "张建国")
    assert first[5] == "局长" and first[6] == "城乡建设"
    assert {row[4] for row in data} == {"张建国", "李红梅"}
    assert {row[1] for row in data} == {"星期一"}
    assert any("公示单位：青山县信访局" in str(row[0]) for row in values if row and row[0])


def test_substitution_is_published(office: Database, tmp_path: Path) -> None:
    entry = slot(office, date(2026, 10, 12))
    assert substitute(office, entry, LI, reason="外出开会", actor="赵丽").ok
    out = tmp_path / "roster.xlsx"
    assert print_roster(office, date(2026, 10, 12), date(2026, 10, 12), out).ok
    sheet = load_workbook(out).active
    assert sheet is not None
    leaders = [row[4] for row in sheet.iter_rows(values_only=True) if row[1] == "星期一"]
    assert leaders == ["李红梅", "张建国"]  # morning substituted, afternoon unchanged


def test_uncovered_year_is_marked_and_explained(office: Database, tmp_path: Path) -> None:
    period = (date(2035, 3, 1), date(2035, 3, 31))
    assert generate_roster(office, *period, actor="赵丽").ok
    out = tmp_path / "2035.pdf"
    assert print_roster(office, *period, out).ok
    text = pdf_text(out)
    assert "2035年3月5日（待核）" in text
    assert "法定节假日安排尚未公布" in text


def test_wrong_suffix_empty_period_and_reversed_dates_write_nothing(
    office: Database, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"  # the database lives in tmp_path itself
    tmp_path.mkdir()
    docx = tmp_path / "roster.docx"
    result = print_roster(office, *Q4, docx)
    assert not result.ok and ".pdf" in result.message and ".xlsx" in result.message
    assert not docx.exists()

    kept = tmp_path / "old.pdf"
    kept.write_bytes(b"previous roster")
    empty = print_roster(office, date(2026, 9, 1), date(2026, 9, 30), kept)
    assert not empty.ok
    assert empty.message == "2026年9月没有排班，请先生成排班"
    assert kept.read_bytes() == b"previous roster"  # untouched

    reversed_ = print_roster(office, date(2026, 12, 31), date(2026, 10, 1), tmp_path / "r.pdf")
    assert not reversed_.ok and "date_to" in reversed_.errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.pdf"]  # no temporary files


def test_portfolio_note_that_repeats_the_categories_is_printed_once(
    office: Database,
) -> None:
    saved = save_leader(
        office,
        LeaderInput(
            id=LI,
            name="李红梅",
            title="副局长",
            rotation_order=2,
            category_ids=[LABOUR, 7],  # 劳动社保, 民政事务
            portfolio_note="民政事务、劳动社保",
        ),
        actor="赵丽",
    )
    assert saved.ok
    noted = save_leader(
        office,
        LeaderInput(
            id=ZHANG,
            name="张建国",
            title="局长",
            rotation_order=1,
            category_ids=[URBAN],
            portfolio_note="主持全面工作",
        ),
        actor="赵丽",
    )
    assert noted.ok
    rows = {r.leader_name: r for r in list_roster(office, *Q4)}
    assert portfolio_for_print(rows["李红梅"]) == "劳动社保、民政事务"
    assert portfolio_for_print(rows["张建国"]) == "城乡建设（主持全面工作）"


# --- the four cards ----------------------------------------------------------------------------


def test_cards_carry_visitor_leader_and_the_four_titles(office: Database, tmp_path: Path) -> None:
    unit = responsible_units(office)[0]
    assert unit.label == "青山县人力资源和社会保障局"
    appointment = book(office, slot(office, date(2026, 10, 19)), responsible_department_id=unit.id)
    out = tmp_path / "四卡.pdf"
    result = print_cards(office, appointment, out)
    assert result.ok, result.errors
    number = booking_no_of(office, appointment)
    assert number == f"YY20261019-{appointment:04d}"
    assert number in result.message

    cards = cards_text(out)
    assert set(cards) == set(CARD_TITLES)
    for text in cards.values():
        assert number in text
    for card in ("visitor", "unit", "leader", "stub"):
        assert "王秀英" in cards[card]
        assert "李红梅" in cards[card]  # the leader on duty on 10-19
    assert "2026年10月19日星期一08:30—12:00" in cards["visitor"]
    assert "预约1号" in cards["visitor"]
    assert "0371-62345678" in cards["visitor"]  # the office's phone
    assert "青山县人力资源和社会保障局" in cards["unit"]
    assert "未补缴养老保险费" in cards["leader"]
    assert "经办人：赵敏" in cards["leader"]
    assert "2026年10月9日10:25" in cards["stub"]


def test_confidential_petition_hides_the_visitor_from_the_unit(
    office: Database, tmp_path: Path
) -> None:
    with office.write() as session:
        person = Petitioner(
            name="孙桂兰", sex=Sex.FEMALE, id_number="11010519491231002X", phone="13912345678"
        )
        session.add(person)
        session.flush()
        petition = Petition(
            register_no="2026-00031",
            year=2026,
            seq=31,
            channel=Channel.VISIT,
            received_at=datetime(2026, 10, 8, 9, 30),
            petitioner_id=person.id,
            category_id=LABOUR,
            summary="检举某单位负责人挪用职工养老保险费。",
            demands="请求依法查处。",
            confidential=True,
            accused="某单位负责人",
        )
        session.add(petition)
        session.flush()
        petition_id, person_id = petition.id, person.id
    appointment = book(
        office,
        slot(office, date(2026, 10, 19)),
        visitor_name="孙桂兰",
        phone="13912345678",
        petitioner_id=person_id,
        summary="",
    )
    with office.write() as session:
        row = session.get(Appointment, appointment)
        assert row is not None
        row.petition_id = petition_id

    values = card_values(office, appointment).unwrap()
    assert values["confidential"] == "1"
    assert values["summary"] == "检举某单位负责人挪用职工养老保险费。"  # from the petition
    assert values["demands"] == "请求依法查处。"
    out = tmp_path / "四卡.pdf"
    assert print_cards(office, appointment, out).ok
    cards = cards_text(out)
    unit = cards["unit"]
    assert "（保密）" in unit
    for secret in ("孙桂兰", "13912345678"):
        assert secret not in unit
    for card in ("leader", "stub"):
        assert "孙桂兰" in cards[card]
    assert "女" in cards["leader"]
    assert "11010519491231002X" in cards["stub"]


def test_not_confidential_without_a_confidential_petition(office: Database) -> None:
    appointment = book(office, slot(office, date(2026, 10, 19)))
    values = card_values(office, appointment).unwrap()
    assert values["confidential"] == ""
    assert values["visitor_sex"] == "" and values["visitor_id_number"] == ""
    assert values["responsible_unit"] == ""


def test_walk_in_cards_and_refusals(office: Database, tmp_path: Path) -> None:
    walk_in = register_walk_in(
        office,
        WalkInInput(entry_id=slot(office, date(2026, 10, 19)), visitor_name="赵德明"),
        actor="赵敏",
    ).unwrap()
    values = card_values(office, walk_in.appointment_id).unwrap()
    assert values["queue_no"] == "现场1号"
    assert values["booking_no"].startswith("XC20261019-")

    appointment = book(office, slot(office, date(2026, 10, 19)))
    assert cancel_appointment(office, appointment, actor="赵敏").ok
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cards.pdf"
    cancelled = print_cards(office, appointment, out)
    assert not cancelled.ok and "已经取消" in cancelled.message
    missing = print_cards(office, 9999, out)
    assert not missing.ok and missing.message == "该预约不存在"
    assert booking_no_of(office, 9999) is None
    assert list(folder.iterdir()) == []
