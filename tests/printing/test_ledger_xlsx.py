"""Ledgers to Excel, read back with openpyxl: text stays text, dates are dates."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from petitiondesk.printing.formspec import FormSpecError
from petitiondesk.printing.ledger_xlsx import (
    DATE_FORMAT,
    LedgerColumn,
    load_ledger,
    load_ledger_columns,
    parse_ledger,
    write_ledger_xlsx,
)

REGISTER_HEADERS = [
    "登记号", "登记日期", "渠道", "姓名", "性别", "身份证号", "联系电话", "住址/单位", "人数",
    "问题类别", "问题发生地", "反映问题", "诉求", "接待人", "值班领导", "状态", "标记",
    "受理决定", "告知书文号", "转送机关", "来信日期",
]  # fmt: skip


def register_row(i: int, **overrides: Any) -> dict[str, object]:
    row: dict[str, object] = {
        "register_no": f"2026-{i:05d}",
        "received_at": dt.datetime(2026, 11, 21, 9, 30),
        "channel": "走访",
        "name": "张三丰",
        "sex": "男",
        "id_number": "110101199003074514",
        "phone": "13800138000",
        "address": "某某县某某镇某某村三组45号",
        "people_count": 6,
        "category": "农村农业·土地征收",
        "place": "某某镇某某村",
        "summary": "村委会未公示征地补偿方案。",
        "demands": "足额发放补偿费",
        "receiving_officer": "李明",
        "duty_leader": "王副局长",
        "status": "已登记",
        "flags": "",
        "acceptance": "",
        "notice_no": "",
        "forwarded_to": "",
        "letter_date": None,
    }
    row.update(overrides)
    return row


def read_back(data: bytes) -> Worksheet:
    ws = load_workbook(io.BytesIO(data)).active
    assert isinstance(ws, Worksheet)
    return ws


def export(rows: list[dict[str, object]], **kwargs: Any) -> Worksheet:
    buffer = io.BytesIO()
    columns = load_ledger_columns("register_ledger")
    write_ledger_xlsx(buffer, "来信来访登记台账", columns, rows, **kwargs)
    return read_back(buffer.getvalue())


def test_register_ledger_columns_are_data() -> None:
    spec = load_ledger("register_ledger")
    assert spec.title == "来信来访登记台账" and spec.sheet_name == "登记台账"
    assert [c.header for c in spec.columns] == REGISTER_HEADERS
    kinds = {c.key: c.kind for c in spec.columns}
    assert kinds["id_number"] == kinds["phone"] == "text"
    assert kinds["received_at"] == "date" and kinds["people_count"] == "int"


def test_layout_title_header_freeze_widths() -> None:
    ws = export([register_row(1)])
    assert ws.title == "来信来访登记台账"
    assert ws["A1"].value == "来信来访登记台账" and ws["A1"].font.b
    assert "A1:U1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == REGISTER_HEADERS
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    for column in load_ledger_columns("register_ledger"):
        letter = "ABCDEFGHIJKLMNOPQRSTU"[REGISTER_HEADERS.index(column.header)]
        assert ws.column_dimensions[letter].width == column.width
    assert ws.auto_filter.ref == "A2:U3"


@pytest.mark.parametrize(
    "text", ["=1+1", "=SUM(A1)", "+8613800138000", "-5", "@SUM(A1)", "=cmd|' /C calc'!A0", "＝1+1"]
)
def test_formula_like_text_stays_literal_text(text: str) -> None:
    ws = export([register_row(1, summary=text, name=text)])
    for cell in (ws["L3"], ws["D3"]):
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel keeps it text when the clerk edits the cell


def test_numbers_in_text_columns_stay_text() -> None:
    ws = export(
        [register_row(1, id_number="11010119900307451X", phone="01012345678", register_no="00012")]
    )
    ws2 = export([register_row(2, id_number=110101199003074514, phone=13800138000)])
    assert ws["F3"].value == "11010119900307451X" and ws["F3"].data_type == "s"
    assert ws["G3"].value == "01012345678"  # leading zero kept
    assert ws["A3"].value == "00012"
    assert ws2["F3"].value == "110101199003074514" and ws2["F3"].data_type == "s"
    assert ws2["G3"].value == "13800138000"


def test_dates_ints_and_empties() -> None:
    aware = dt.datetime(2026, 11, 21, 1, 30, tzinfo=dt.UTC)
    ws = export(
        [
            register_row(1),
            register_row(2, received_at=dt.date(2026, 11, 22), people_count="12"),
            register_row(3, received_at=aware, people_count=None, flags=True),
            register_row(4, received_at="2026年（补录）", people_count="约10人"),
        ]
    )
    # 登记日期 is a date column: a date-time shows its day
    assert ws["B3"].is_date and ws["B3"].value == dt.datetime(2026, 11, 21, 0, 0)
    assert ws["B3"].number_format == DATE_FORMAT
    assert ws["B4"].value == dt.datetime(2026, 11, 22, 0, 0)
    assert ws["B5"].is_date and ws["B5"].value == dt.datetime.combine(aware.date(), dt.time())
    assert ws["B6"].value == "2026年（补录）" and ws["B6"].data_type == "s"
    assert ws["I3"].value == 6 and ws["I3"].data_type == "n"
    assert ws["I4"].value == 12
    assert ws["I5"].value is None
    assert ws["I6"].value == "约10人"
    assert ws["Q5"].value == "是"


def test_date_kind() -> None:
    buffer = io.BytesIO()
    columns = [LedgerColumn("day", "日期", 12, "date"), LedgerColumn("note", "备注", 30)]
    write_ledger_xlsx(
        buffer,
        "测试",
        columns,
        [
            {"day": dt.date(2026, 1, 2), "note": "x"},
            {"day": dt.datetime(2026, 1, 3, 8), "note": "y"},
        ],
    )
    ws = read_back(buffer.getvalue())
    assert ws["A3"].is_date and ws["A3"].number_format == DATE_FORMAT
    assert ws["A4"].value == dt.datetime(2026, 1, 3)  # the date part only


def test_illegal_characters_and_long_text() -> None:
    ws = export([register_row(1, summary="第一行\n第二行\x00\x07结束", demands="长" * 40_000)])
    assert ws["L3"].value == "第一行\n第二行结束"
    assert len(ws["M3"].value) == 32_767


def test_generator_progress_count_and_path(tmp_path: Path) -> None:
    seen: list[int] = []

    def rows() -> Iterator[dict[str, object]]:
        for i in range(450):
            yield register_row(i)

    out = tmp_path / "台账.xlsx"
    count = write_ledger_xlsx(
        out, "来信来访登记台账", load_ledger_columns("register_ledger"), rows(), seen.append,
        sheet_name="登记台账:2026/11",
    )  # fmt: skip
    assert count == 450
    assert seen == [200, 400, 450]
    ws = load_workbook(out).active
    assert ws is not None and ws.title == "登记台账_2026_11"
    assert ws.max_row == 452
    assert not list(tmp_path.glob("*.part"))


def test_cancel_from_progress_leaves_no_file(tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def cancel(n: int) -> None:
        raise Cancelled

    out = tmp_path / "ledger.xlsx"
    with pytest.raises(Cancelled):
        write_ledger_xlsx(
            out,
            "台账",
            load_ledger_columns("register_ledger"),
            (register_row(i) for i in range(500)),
            cancel,
        )
    assert list(tmp_path.iterdir()) == []


def test_row_without_a_column_key() -> None:
    partial = {key: "x" for key in ("register_no", "name", "summary")}
    with pytest.raises(ValueError, match=r"ledger row 2: no value for column\(s\) received_at, "):
        export([register_row(1), partial])
    extra = export([register_row(1, note="not a column")])  # more keys than columns is fine
    assert extra["A3"].value == "2026-00001"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"id": "x", "title": "t", "columns": [{"key": "a", "header": "甲", "kind": "money"}]},
            "kind",
        ),
        (
            {"id": "x", "title": "t", "columns": [{"key": "a", "header": "甲", "colour": 1}]},
            "unknown key",
        ),
        ({"id": "x", "title": "t", "columns": [{"key": "a", "header": "甲"}] * 2}, "duplicate key"),
        (
            {"id": "x", "title": "t", "columns": [{"key": "a", "header": "甲", "width": 500}]},
            "width",
        ),
        ({"id": "x", "title": "t", "columns": []}, "columns"),
        ({"id": "x", "title": "t", "extra": 1, "columns": []}, "unknown key"),
    ],
)
def test_ledger_file_validation(data: dict[str, Any], message: str) -> None:
    with pytest.raises(FormSpecError, match=message) as info:
        parse_ledger(data, "forms/x.toml")
    assert "forms/x.toml" in str(info.value)


def test_chinese_dates_alignment_subtitle_and_footer() -> None:
    buffer = io.BytesIO()
    columns = [
        LedgerColumn("day", "日期", 14, "date", date_style="chinese", align="center"),
        LedgerColumn("at", "时间", 18, "datetime", date_style="chinese"),
        LedgerColumn("note", "备注", 30, wrap=True, align="right"),
    ]
    row = {"day": dt.date(2026, 1, 2), "at": dt.datetime(2026, 1, 2, 8, 30), "note": "=x"}
    count = write_ledger_xlsx(
        buffer, "测试台账", columns, [row],
        subtitle="2026年1月", footer_lines=["注：" + "说明" * 60, "制表：王晓燕"],
    )  # fmt: skip
    assert count == 1
    ws = read_back(buffer.getvalue())
    assert ws["A2"].value == "2026年1月" and [c.value for c in ws[3]] == ["日期", "时间", "备注"]
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    assert ws.auto_filter.ref == "A3:C4"
    assert ws["A4"].is_date and ws["A4"].number_format == 'yyyy"年"m"月"d"日"'
    assert ws["B4"].number_format == 'yyyy"年"m"月"d"日" hh:mm'
    assert ws["A4"].alignment.horizontal == "center" and ws["B4"].alignment.horizontal is None
    assert ws["C4"].alignment.horizontal == "right" and ws["C4"].value == "=x"
    assert ws["A5"].value is None
    assert ws["A6"].value.startswith("注：") and ws["A7"].value == "制表：王晓燕"
    assert "A6:C6" in {str(r) for r in ws.merged_cells.ranges}
    assert (ws.row_dimensions[6].height or 0) > (ws.row_dimensions[7].height or 0)
