"""The published roster (排班公示) as PDF and Excel, read back."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from petitiondesk.printing.ledger_xlsx import CHINESE_DATE_FORMAT
from petitiondesk.printing.ledgerspec import load_ledger
from petitiondesk.printing.roster import (
    UNCOVERED_MARK,
    UNCOVERED_NOTE,
    RosterPrintRow,
    write_roster_pdf,
    write_roster_xlsx,
)

HEADERS = ["日期", "星期", "时间", "地点", "接待领导", "职务", "分管领域", "陪同科室"]
LEADERS = [
    ("张建国", "局长", "主持全面工作；重大疑难信访事项、群体性信访事项", "来访接待科"),
    ("李红梅", "副局长", "征地拆迁、城乡建设、住房保障、物业管理", "信访督查科"),
    ("王志强", "副局长", "劳动保障、企业改制、拖欠农民工工资", "来访接待科、县人社局"),
    ("陈丽", "党组成员、纪检组长", "检举控告、干部作风、违纪问题", "办公室"),
    ("赵海峰", "副局长", "教育医疗、民政救助、生态环境保护", "复查复核科"),
]
WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
HOLIDAY = dt.date(2026, 10, 5)  # 国庆 holiday Monday: no reception
OFFICE = "青山县信访局"


def mondays(start: dt.date, end: dt.date) -> list[RosterPrintRow]:
    rows: list[RosterPrintRow] = []
    day = start
    while day <= end:
        if day.weekday() == 0 and day != HOLIDAY:
            name, title, portfolio, accompany = LEADERS[len(rows) % len(LEADERS)]
            rows.append(
                RosterPrintRow(
                    day,
                    WEEKDAYS[day.weekday()],
                    "08:30—12:00",
                    "县群众来访接待中心一楼",
                    name,
                    title,
                    portfolio,
                    accompany,
                    uncovered=day.year >= 2027,
                )  # fmt: skip
            )
        day += dt.timedelta(days=1)
    return rows


QUARTER = mondays(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
YEAR = mondays(dt.date(2026, 10, 1), dt.date(2027, 9, 30))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_of(rows: list[RosterPrintRow], period: str, phone: str = "0571-64021234") -> bytes:
    buffer = io.BytesIO()
    count = write_roster_pdf(
        buffer, rows, office=OFFICE, period_text=period,
        published_on=dt.date(2026, 9, 25), phone=phone,
    )  # fmt: skip
    assert count == len(rows)
    return buffer.getvalue()


def test_quarter_roster_on_one_page(embedded_fonts_only: Callable[[bytes], list[str]]) -> None:
    assert len(QUARTER) == 12
    data = pdf_of(QUARTER, "2026年10月—12月")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = squeeze(page.extract_text())
    assert "青山县信访局领导接待日安排表" in text and "2026年10月—12月" in text
    assert "".join(HEADERS) in text
    for name, *_ in LEADERS:
        assert name in text
    assert text.count("星期一") == 12
    assert "2026年10月12日" in text and "2026年12月28日" in text
    assert "2026年10月5日" not in text
    assert "公示单位：青山县信访局" in text and "公示日期：2026年9月25日" in text
    assert "监督电话：0571-64021234" in text
    assert UNCOVERED_MARK not in text and "注：" not in text
    embedded_fonts_only(data)


def test_year_roster_spans_pages_and_marks_uncovered_dates(
    embedded_fonts_only: Callable[[bytes], list[str]],
) -> None:
    data = pdf_of(YEAR, "2026年10月—2027年9月")
    reader = PdfReader(io.BytesIO(data))
    pages = [squeeze(page.extract_text()) for page in reader.pages]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "".join(HEADERS) in text, f"header missing on page {number}"
        assert f"第{number}页共{len(pages)}页" in text
    assert "青山县信访局领导接待日安排表（续）" in pages[1]
    everything = "".join(pages)
    uncovered = [row for row in YEAR if row.uncovered]
    assert uncovered and everything.count(UNCOVERED_MARK) == len(uncovered) + 1  # + the note
    assert "2027年1月4日（待核）" in everything
    assert "2026年12月28日（待核）" not in everything
    assert squeeze(UNCOVERED_NOTE) in pages[-1]
    assert everything.count("星期一") == len(YEAR)
    embedded_fonts_only(data)


def test_no_phone_no_supervision_line() -> None:
    text = squeeze(
        PdfReader(io.BytesIO(pdf_of(QUARTER, "第四季度", phone=""))).pages[0].extract_text()
    )
    assert "公示单位：青山县信访局" in text and "监督电话" not in text


def read_sheet(data: bytes) -> Worksheet:
    ws = load_workbook(io.BytesIO(data)).active
    assert isinstance(ws, Worksheet)
    return ws


def test_roster_xlsx(tmp_path: Path) -> None:
    rows = [
        *QUARTER,
        RosterPrintRow(
            dt.date(2027, 1, 4),
            "星期一",
            "08:30—12:00",
            '=HYPERLINK("x")',
            "张建国",
            "局长",
            "+全面工作",
            "0012",
            uncovered=True,
        ),  # fmt: skip
    ]
    out = tmp_path / "排班公示.xlsx"
    count = write_roster_xlsx(
        out, rows, office=OFFICE, period_text="2026年10月—2027年1月",
        published_on=dt.date(2026, 9, 25), phone="0571-64021234",
    )  # fmt: skip
    assert count == 13 and not list(tmp_path.glob("*.part"))
    ws = load_workbook(out).active
    assert isinstance(ws, Worksheet)
    assert ws.title == "接待日安排"
    assert ws["A1"].value == "青山县信访局领导接待日安排表"
    assert ws["A2"].value == "2026年10月—2027年1月"
    assert [c.value for c in ws[3]] == HEADERS
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    first = ws["A4"]
    assert first.is_date and first.value == dt.datetime(2026, 10, 12)
    assert first.number_format == CHINESE_DATE_FORMAT
    assert [c.value for c in ws[4]][1:6] == [
        "星期一",
        "08:30—12:00",
        "县群众来访接待中心一楼",
        "张建国",
        "局长",
    ]
    last = ws[16]
    assert last[0].value == "2027年1月4日" + UNCOVERED_MARK and last[0].data_type == "s"
    for cell in last[3], last[6], last[7]:  # text stays text: no formula, no number
        assert cell.data_type == "s"
    assert last[3].value == '=HYPERLINK("x")' and last[7].value == "0012"
    notes = [ws.cell(row=r, column=1).value for r in range(17, ws.max_row + 1)]
    assert UNCOVERED_NOTE in notes
    assert "公示单位：青山县信访局    公示日期：2026年9月25日    监督电话：0571-64021234" in notes
    widths = [ws.column_dimensions[letter].width for letter in "ABCDEFGH"]
    assert widths == [c.width for c in load_ledger("roster_publication").columns]


def test_roster_xlsx_minimal_stream() -> None:
    buffer = io.BytesIO()
    write_roster_xlsx(buffer, QUARTER[:2], office=OFFICE, period_text="2026年10月")
    ws = read_sheet(buffer.getvalue())
    assert ws.max_row == 3 + 2 + 2  # title, period, header, rows, blank, 公示单位
    assert ws.cell(row=7, column=1).value == "公示单位：青山县信访局"
