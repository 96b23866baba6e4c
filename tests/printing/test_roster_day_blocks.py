"""Issue 9: the published roster prints one block per day — its morning and afternoon
slots inside one row — and never splits a day across a page break (PDF), nor repeats the
date on two unmerged rows (Excel)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from petitiondesk.printing.roster import RosterPrintRow, write_roster_pdf, write_roster_xlsx

OFFICE = "青山县信访局"
WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
LEADERS = [("张建国", "局长"), ("李红梅", "副局长"), ("王志强", "副局长")]
PORTFOLIO = "征地拆迁、城乡建设、住房保障、物业管理、劳动保障、企业改制、拖欠农民工工资"


def workdays_am_pm(start: dt.date, end: dt.date) -> list[RosterPrintRow]:
    """Every workday of the period, a morning and an afternoon slot, alternating leaders
    (the afternoon at another place), long portfolios so the rows are tall."""
    rows: list[RosterPrintRow] = []
    day, n = start, 0
    while day <= end:
        if day.weekday() < 5:
            for half, span, place in (
                ("上午", "08:30—12:00", "县群众来访接待中心一楼"),
                ("下午", "14:30—17:30", "城关镇接访点"),
            ):
                name, title = LEADERS[n % len(LEADERS)]
                n += 1
                rows.append(
                    RosterPrintRow(
                        day,
                        WEEKDAYS[day.weekday()],
                        span,
                        place,
                        name,
                        title,
                        PORTFOLIO,
                        "来访接待科",
                        half_day=half,
                    )  # fmt: skip
                )
        day += dt.timedelta(days=1)
    return rows


ROWS = workdays_am_pm(dt.date(2026, 10, 12), dt.date(2026, 12, 31))
DAYS = sorted({row.day for row in ROWS})


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_day_is_one_block_on_one_page(tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    count = write_roster_pdf(
        out, ROWS, office=OFFICE, period_text="2026年第四季度",
        published_on=dt.date(2026, 10, 9), phone="0571-64021234",
    )  # fmt: skip
    assert count == len(ROWS)  # slots published
    pages = [squeeze(page.extract_text() or "") for page in PdfReader(out).pages]
    assert len(pages) >= 3, "the period must break pages for this test to mean anything"
    for day in DAYS:
        label = f"{day.year}年{day.month}月{day.day}日"
        on = [number for number, text in enumerate(pages, start=1) if label in text]
        assert len(on) == 1, f"{label} on pages {on}"
        assert pages[on[0] - 1].count(label) == 1
    everything = "".join(pages)
    assert everything.count("上午08:30—12:00") == len(DAYS)
    assert everything.count("下午14:30—17:30") == len(DAYS)


def test_the_sheet_has_one_row_per_day(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    count = write_roster_xlsx(out, ROWS, office=OFFICE, period_text="2026年第四季度")
    assert count == len(ROWS)
    ws = load_workbook(out).active
    assert isinstance(ws, Worksheet)
    dates = [ws.cell(row=r, column=1).value for r in range(4, 4 + len(DAYS))]
    assert dates == [dt.datetime(d.year, d.month, d.day) for d in DAYS]
    first = [c.value for c in ws[4]]
    assert first[2] == "上午 08:30—12:00\n下午 14:30—17:30"
    assert first[3] == "上午 县群众来访接待中心一楼\n下午 城关镇接访点"
    assert first[4] == "上午 张建国\n下午 李红梅"
    assert first[6] == PORTFOLIO and first[7] == "来访接待科"  # the same for both: once
    assert ws.cell(row=4, column=3).alignment.wrap_text


def test_two_places_at_the_same_time_are_numbered() -> None:
    day = dt.date(2026, 10, 12)
    rows = [
        RosterPrintRow(day, "星期一", "08:30—12:00", "中心", "张建国", "局长", "", "", half_day="上午"),
        RosterPrintRow(day, "星期一", "08:30—12:00", "接访点", "李红梅", "副局长", "", "", half_day="上午"),
    ]  # fmt: skip
    buffer = io.BytesIO()
    write_roster_xlsx(buffer, rows, office=OFFICE, period_text="2026年10月")
    ws = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert isinstance(ws, Worksheet)
    assert ws.cell(row=4, column=4).value == "① 中心\n② 接访点"
    assert ws.cell(row=4, column=3).value == "08:30—12:00"  # the same for both: once
