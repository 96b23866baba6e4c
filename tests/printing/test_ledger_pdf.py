"""The generic ledger PDF, read back: header on every page, dates, wrapping, no clipping."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from petitiondesk.printing.formspec import FormSpecError
from petitiondesk.printing.ledger_pdf import (
    chinese_date,
    format_cell,
    render_ledger_pdf,
    write_ledger_pdf,
)
from petitiondesk.printing.ledgerspec import LedgerColumn, load_ledger, parse_ledger

COLUMNS = [
    LedgerColumn("no", "序号", 6, "int"),
    LedgerColumn("day", "日期", 16, "date", date_style="chinese"),
    LedgerColumn("iso", "登记日期", 12, "date"),
    LedgerColumn("at", "登记时间", 16, "datetime"),
    LedgerColumn("name", "姓名", 8, align="center"),
    LedgerColumn("summary", "反映问题", 50, wrap=True),
    LedgerColumn("repeat", "重复访", 8),
]
SENTENCE = "来访人反映村委会未公示征地补偿方案，补偿款至今未足额发放。"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def row(i: int, **overrides: Any) -> dict[str, object]:
    values: dict[str, object] = {
        "no": i,
        "day": dt.date(2026, 10, 12),
        "iso": dt.date(2026, 10, 12),
        "at": dt.datetime(2026, 10, 12, 9, 30),
        "name": "张三丰",
        "summary": f"〔{i:03d}〕{SENTENCE}",
        "repeat": False,
    }
    values.update(overrides)
    return values


def render(rows: list[dict[str, object]], **kwargs: Any) -> tuple[bytes, PdfReader]:
    buffer = io.BytesIO()
    kwargs.setdefault("subtitle", "2026年10月—12月")
    count = write_ledger_pdf(buffer, "来信来访登记台账", COLUMNS, rows, **kwargs)
    assert count == len(rows)
    data = buffer.getvalue()
    return data, PdfReader(io.BytesIO(data))


def page_texts(reader: PdfReader) -> list[str]:
    return [squeeze(page.extract_text()) for page in reader.pages]


def test_one_page_ledger_reads_back(embedded_fonts_only: Callable[[bytes], list[str]]) -> None:
    data, reader = render(
        [row(1), row(2, repeat=True, at=None, name="<b>&</b> =SUM(A1)")],
        letterhead="青山县信访局",
        footer_lines=["制表：王晓燕", ["公示单位：青山县信访局", "监督电话：0571-64021234"]],
    )
    assert len(reader.pages) == 1
    (text,) = page_texts(reader)
    for expected in (
        "青山县信访局", "来信来访登记台账", "2026年10月—12月",
        "序号日期登记日期登记时间姓名反映问题重复访",
        "2026年10月12日", "2026-10-12", "2026-10-1209:30", "是", "否",
        "<b>&</b>=SUM(A1)", "制表：王晓燕", "监督电话：0571-64021234", "第1页共1页",
    ):  # fmt: skip
        assert expected in text, expected
    assert "&amp;" not in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    embedded_fonts_only(data)
    meta = reader.metadata
    assert meta is not None and meta.title == "来信来访登记台账"


def test_many_rows_span_pages_with_the_header_repeated() -> None:
    _, reader = render([row(i) for i in range(1, 121)])
    pages = page_texts(reader)
    assert len(pages) >= 3
    header = "序号日期登记日期登记时间姓名反映问题重复访"
    for number, text in enumerate(pages, start=1):
        assert header in text, number
        assert f"第{number}页共{len(pages)}页" in text
        if number > 1:
            assert "来信来访登记台账（续）" in text
    everything = "".join(pages)
    for i in range(1, 121):  # every row printed once: nothing lost, nothing doubled
        assert everything.count(f"〔{i:03d}〕") == 1


def test_more_rows_more_pages() -> None:
    counts = [len(render([row(i) for i in range(n)])[1].pages) for n in (5, 60, 200)]
    assert counts[0] == 1 and counts[0] < counts[1] < counts[2]


def test_a_row_taller_than_a_page_continues_on_the_next() -> None:
    huge = "".join(f"〈{i:03d}〉{SENTENCE}" for i in range(250))
    _, reader = render([row(1), row(2, summary=huge), row(3)])
    pages = page_texts(reader)
    assert len(pages) >= 3
    everything = "".join(pages)
    assert all(everything.count(f"〈{i:03d}〉") == 1 for i in range(250))
    assert "〔003〕" in pages[-1]


def test_portrait_and_empty_ledger() -> None:
    _, reader = render([], orientation="portrait")
    page = reader.pages[0]
    assert page.mediabox.width < page.mediabox.height
    assert "（无记录）" in page_texts(reader)[0]


def test_progress_and_cancel_leave_no_file(tmp_path: Path) -> None:
    seen: list[int] = []

    def rows() -> Iterator[dict[str, object]]:
        for i in range(450):
            yield row(i)

    out = tmp_path / "台账.pdf"
    assert write_ledger_pdf(out, "台账", COLUMNS, rows(), progress=seen.append) == 450
    assert seen == [200, 400, 450]
    assert out.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.part"))

    class Cancelled(Exception):
        pass

    def cancel(n: int) -> None:
        raise Cancelled

    out2 = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        write_ledger_pdf(out2, "台账", COLUMNS, rows(), progress=cancel)
    assert not out2.exists() and not list(tmp_path.glob("*.part"))


def test_bad_rows_and_arguments() -> None:
    with pytest.raises(ValueError, match=r"ledger row 2: no value for column\(s\) day, iso, at,"):
        render([row(1), {"no": 2, "name": "张三丰"}])
    with pytest.raises(ValueError, match="at least one column"):
        write_ledger_pdf(io.BytesIO(), "台账", [], [])
    with pytest.raises(ValueError, match="orientation"):
        write_ledger_pdf(io.BytesIO(), "台账", COLUMNS, [], orientation="sideways")  # type: ignore[arg-type]


def test_format_cell() -> None:
    chinese = LedgerColumn("d", "日期", kind="date", date_style="chinese")
    iso_dt = LedgerColumn("t", "时间", kind="datetime")
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"
    assert format_cell(chinese, dt.datetime(2026, 1, 5, 8, 30)) == "2026年1月5日"
    assert format_cell(iso_dt, dt.datetime(2026, 1, 5, 8, 30)) == "2026-01-05 08:30"
    assert format_cell(iso_dt, "2026年（补录）") == "2026年（补录）"
    assert format_cell(chinese, None) == "" and format_cell(chinese, True) == "是"
    aware = dt.datetime(2026, 1, 5, 0, 30, tzinfo=dt.UTC)
    local = aware.astimezone().replace(tzinfo=None)
    assert format_cell(iso_dt, aware) == f"{local:%Y-%m-%d %H:%M}"


def test_ledger_file_pdf_options(tmp_path: Path) -> None:
    path = tmp_path / "referral_ledger.toml"
    path.write_text(
        """
id = "referral_ledger"
title = "交办台账"
[pdf]
orientation = "portrait"
title = "{office}交办台账"
subtitle = "{period}"
letterhead = "{office}"
font_size = 9
footer = [["制表：{clerk}", "监督电话：{phone}"], "备注：{note}"]
[[columns]]
key = "no"
header = "交办号"
[[columns]]
key = "deadline"
header = "办理期限"
kind = "date"
date_style = "chinese"
""",
        encoding="utf-8",
    )
    spec = load_ledger(path)
    assert spec.pdf.orientation == "portrait" and spec.pdf.font_size == 9
    buffer = io.BytesIO()
    count = render_ledger_pdf(
        spec,
        [{"no": "交〔2026〕15号", "deadline": dt.date(2026, 12, 5)}],
        buffer,
        values={"office": "青山县信访局", "period": "2026年第四季度", "clerk": "王晓燕"},
        notes=["注：期限按工作日计算。"],
    )
    assert count == 1
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    (text,) = page_texts(reader)
    assert "青山县信访局交办台账" in text and "2026年第四季度" in text
    assert "交〔2026〕15号" in text and "2026年12月5日" in text
    assert "注：期限按工作日计算。" in text and "制表：王晓燕" in text
    assert "监督电话" not in text  # no phone given: the segment is left out
    assert "备注" not in text
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height


def test_register_ledger_prints_as_pdf() -> None:
    """The existing ledger file (no [pdf] table) prints with the defaults."""
    spec = load_ledger("register_ledger")
    cells: list[object] = [
        "2026-00001", dt.datetime(2026, 11, 21, 9, 30), "走访", "张三丰", "男",
        "110101199003074514", "13800138000", "某某县某某镇某某村", 6, "土地征收",
        "某某镇某某村", SENTENCE, "足额发放补偿费", "李明", "王副局长", "已登记", "",
        "受理", "青信〔2026〕1号", "", None,
    ]  # fmt: skip
    values = {column.key: cell for column, cell in zip(spec.columns, cells, strict=True)}
    buffer = io.BytesIO()
    assert render_ledger_pdf(spec, [values], buffer) == 1
    text = squeeze(PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text())
    assert "来信来访登记台账" in text and "110101199003074514" in text
    assert "2026-11-21" in text  # 登记日期: the date


@pytest.mark.parametrize(
    ("pdf", "message"),
    [
        ({"orientation": "sideways"}, r"pdf\.orientation"),
        ({"colour": "red"}, r"pdf: unknown key\(s\) colour"),
        ({"font_size": 40}, r"pdf\.font_size"),
        ({"title": "{office!r}"}, r"pdf\.title: placeholder"),
        ({"footer": [[]]}, r"pdf\.footer\[0\]"),
        ({"footer": "x"}, r"pdf\.footer: expected an array"),
    ],
)
def test_pdf_options_validation(pdf: dict[str, Any], message: str) -> None:
    data = {"id": "x", "title": "t", "columns": [{"key": "a", "header": "甲"}], "pdf": pdf}
    with pytest.raises(FormSpecError, match=message) as info:
        parse_ledger(data, "forms/x.toml")
    assert "forms/x.toml" in str(info.value)


@pytest.mark.parametrize(
    ("column", "message"),
    [({"align": "middle"}, r"columns\[0\]\.align"), ({"date_style": "us"}, r"date_style")],
)
def test_column_options_validation(column: dict[str, Any], message: str) -> None:
    data = {"id": "x", "title": "t", "columns": [{"key": "a", "header": "甲", **column}]}
    with pytest.raises(FormSpecError, match=message):
        parse_ledger(data, "forms/x.toml")


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_embedded(tmp_path: Path) -> None:
    out = tmp_path / "ledger.pdf"
    write_ledger_pdf(out, "台账", COLUMNS, [row(i) for i in range(80)])
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        name, _type, _enc, emb, sub, uni, *_ = line.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line
        assert "WenQuanYi" in name
