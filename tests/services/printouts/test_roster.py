"""services.printouts.roster: the published roster from the database, read back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from petitiondesk.core.periods import period_text
from petitiondesk.services.printouts import (
    portfolio_for_print,
    print_roster,
    roster_file_name,
)
from petitiondesk.services.roster import (
    LeaderInput,
    generate_roster,
    list_roster,
    save_leader,
    substitute,
)
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.printouts.roster_setup import (
    LABOUR,
    LI,
    Q4,
    URBAN,
    ZHANG,
    pdf_text,
    set_up_office,
    slot,
)


@pytest.fixture
def office(db: Database) -> Database:
    """青山县信访局 with two leaders, Monday receptions and the Q4 2026 roster."""
    return set_up_office(db)


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
    assert result.value == 24  # slots, in one row per day (morning and afternoon)
    assert len(data) == 12
    first = data[0]
    assert first[0] in (date(2026, 10, 12), datetime(2026, 10, 12))
    assert first[1:5] == (
        "星期一",
        "上午 08:30—12:00\n下午 14:30—17:30",
        "县信访接待中心",
        "张建国",
    )
    assert first[5] == "局长" and first[6] == "城乡建设"
    assert {row[4] for row in data} == {"张建国", "李红梅"}
    assert {row[1] for row in data} == {"星期一"}
    assert any("公示单位：青山县信访局" in str(row[0]) for row in values if row and row[0])


def test_substitution_is_published(office: Database, tmp_path: Path) -> None:
    entry = slot(office, date(2026, 10, 12))
    assert substitute(office, entry, LI, reason="外出开会", actor=actor("赵丽")).ok
    out = tmp_path / "roster.xlsx"
    assert print_roster(office, date(2026, 10, 12), date(2026, 10, 12), out).ok
    sheet = load_workbook(out).active
    assert sheet is not None
    leaders = [row[4] for row in sheet.iter_rows(values_only=True) if row[1] == "星期一"]
    assert leaders == ["上午 李红梅\n下午 张建国"]  # morning substituted, afternoon unchanged


def test_uncovered_year_is_marked_and_explained(office: Database, tmp_path: Path) -> None:
    period = (date(2035, 3, 1), date(2035, 3, 31))
    assert generate_roster(office, *period, actor=actor("赵丽")).ok
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
        actor=actor("赵丽"),
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
        actor=actor("赵丽"),
    )
    assert noted.ok
    rows = {r.leader_name: r for r in list_roster(office, *Q4)}
    assert portfolio_for_print(rows["李红梅"]) == "劳动社保、民政事务"
    assert portfolio_for_print(rows["张建国"]) == "城乡建设（主持全面工作）"
