"""services.ledgers.export: PDF (A4 landscape, repeating header, page x / y, office name,
print date) and xlsx (frozen header, filter, print titles, text-safe cells), written
atomically and audited only on success; the role check refuses who may not export."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from petitiondesk.core.identity import Role
from petitiondesk.services import ledgers
from petitiondesk.services.intake import register_visit
from petitiondesk.services.ledgers.export import export_ledger, format_of, ledger_file_name
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import actor, visit_input
from tests.services.ledgers.conftest import ALL

PRINTED = date(2026, 12, 1)


def _audit_rows(db: Database) -> list[tuple[str, str, str, str]]:
    """(actor, action, after, summary) of every export row."""
    stmt = select(AuditLog.actor, AuditLog.action, AuditLog.after, AuditLog.summary)
    with db.read() as session:
        return [tuple(row) for row in session.execute(stmt.where(AuditLog.entity == "export"))]


def _text(path: Path) -> list[str]:
    return [page.extract_text().replace(" ", "") for page in PdfReader(path).pages]


def test_register_pdf_has_header_pages_office_and_print_date(
    demo: Database, tmp_path: Path
) -> None:
    out = tmp_path / "register.pdf"
    result = export_ledger(demo, "register", *ALL, out, actor=actor(), printed_on=PRINTED)
    assert result.ok and result.value == 200
    pages = _text(out)
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert len(pages) > 2 and box.width > box.height  # A4 landscape
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in text
        assert "登记号" in text and "反映问题" in text  # the header on every page
    assert "青山县信访局来信来访登记台账" in pages[0]
    assert "2026年12月1日" in pages[0] and "打印日期" in pages[0]


@pytest.mark.parametrize("key", ["referral", "supervision", "closure", "reception"])
def test_every_ledger_prints_as_pdf_and_xlsx(demo: Database, tmp_path: Path, key: str) -> None:
    title = ledgers.ledger(key).title
    pdf, xlsx = tmp_path / f"{key}.pdf", tmp_path / f"{key}.xlsx"
    count = ledgers.ledger(key).count(demo, *ALL)
    assert export_ledger(demo, key, *ALL, pdf, actor=actor()).value == count
    assert export_ledger(demo, key, *ALL, xlsx, actor=actor()).value == count
    assert title in _text(pdf)[0]
    ws = load_workbook(xlsx).active
    assert ws is not None and title in str(ws["A1"].value)
    assert ws.max_row == 3 + count  # title, period, header, rows


def test_xlsx_is_frozen_filtered_printable_and_text_safe(db: Database, tmp_path: Path) -> None:
    register_visit(db, visit_input(summary='=HYPERLINK("x")反映问题'), actor=actor("赵丽")).unwrap()
    out = tmp_path / "register.xlsx"
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    assert export_ledger(db, "register", start, end, out, actor=actor()).value == 1
    ws = load_workbook(out).active
    assert ws is not None
    assert ws.freeze_panes == "A4"  # title, period and header stay in view
    assert ws.print_title_rows in ("3:3", "$3:$3")
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A3:")
    assert ws.page_setup.orientation == "landscape"
    assert "2026年11月" in str(ws["A2"].value) and "打印日期" in str(ws["A2"].value)
    header = [c.value for c in ws[3]]
    cell = ws.cell(4, header.index("反映问题") + 1)
    assert cell.value == '=HYPERLINK("x")反映问题' and cell.data_type == "s"
    assert ws.cell(4, header.index("身份证号") + 1).value == "11010519491231002X"


def test_success_is_audited_with_range_use_and_file(demo: Database, tmp_path: Path) -> None:
    before = len(_audit_rows(demo))
    out = tmp_path / "closure.xlsx"
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    clerk = actor("钱进")
    assert export_ledger(demo, "closure", start, end, out, actor=clerk, outside=True).ok
    rows = _audit_rows(demo)
    assert len(rows) == before + 1
    who, action, after_json, summary = rows[-1]
    after = json.loads(after_json or "{}")
    assert who == "钱进" and action == "export_closure_ledger"
    assert after["from"] == "2026-01-01" and after["to"] == "2026-12-31"
    assert after["out"] == str(out) and after["use"] and "对外提供" in summary


def test_a_failed_export_leaves_no_file_and_no_audit_row(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> Iterator[dict[str, object]]:
        yield from list(ledgers.register.rows(demo, *ALL))[:5]
        raise RuntimeError("disk on fire")

    item = ledgers.LEDGERS["register"]
    monkeypatch.setitem(
        ledgers.LEDGERS, "register", item.__class__(**{**item.__dict__, "rows": broken})
    )
    before = len(_audit_rows(demo))
    for name in ("register.xlsx", "register.pdf"):
        with pytest.raises(RuntimeError):
            export_ledger(demo, "register", *ALL, tmp_path / name, actor=actor())
    assert list(tmp_path.iterdir()) == []
    assert len(_audit_rows(demo)) == before


def test_who_may_not_export_is_refused(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    refused = export_ledger(demo, "register", *ALL, out, actor=actor("张局长", Role.LEADER))
    assert not refused.ok and "无权" in refused.message
    assert not export_ledger(demo, "register", *ALL, out, actor="赵丽").ok  # type: ignore[arg-type]
    assert not out.exists()


def test_bad_requests_are_refused_in_chinese(demo: Database, tmp_path: Path) -> None:
    cases = [
        ("nope", *ALL, tmp_path / "x.xlsx", "没有这种台账"),
        ("register", date(2026, 2, 1), date(2026, 1, 1), tmp_path / "x.xlsx", "起始日期"),
        ("register", *ALL, tmp_path / "x.csv", "PDF 或 Excel"),
    ]
    for key, start, end, out, words in cases:
        result = export_ledger(demo, key, start, end, out, actor=actor())
        assert not result.ok and words in result.message
    assert list(tmp_path.iterdir()) == []


def test_file_names_and_formats() -> None:
    name = ledger_file_name("青山县信访局", "referral", date(2026, 1, 1), date(2026, 3, 31), "pdf")
    assert name == "青山县信访局2026年第一季度交办转送台账.pdf"
    assert format_of(Path("a.XLSX")) == "xlsx" and format_of(Path("a.csv")) is None


def test_an_empty_period_still_prints_its_table(demo: Database) -> None:
    buffer = io.BytesIO()
    from petitiondesk.printing.ledger_pdf import render_ledger_pdf

    rows = ledgers.ledger("supervision").rows(demo, date(2001, 1, 1), date(2001, 1, 31))
    assert render_ledger_pdf("supervision_ledger", rows, buffer, values={"office": "办"}) == 0
