"""services.printouts.register_ledger: the 来信来访登记台账 carries the acceptance
decision, notice number, forwarding body, flags and letter date, and prints readably
(landscape A4, ≥ 9 pt after fitting to the page width, wrapped rows tall enough)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from petitiondesk.core.enums import AcceptanceDecision, Channel
from petitiondesk.paths import FONTS_DIR
from petitiondesk.printing.ledger_xlsx import print_scale
from petitiondesk.printing.ledgerspec import load_ledger
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.printouts import export_register
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.printouts.case_setup import register, set_up_office

LONG = "反映村集体土地征收补偿款分配不公，" * 10 + "请求依法处理。"


@pytest.fixture
def ledger(db: Database, tmp_path: Path) -> Path:
    set_up_office(db)
    register(db, urgent=True, skipped_level=True)
    forwarded = register(db, summary=LONG)
    data = AcceptanceInput(
        AcceptanceDecision.FORWARD, date(2026, 11, 24), redirect_body="青山县住房和城乡建设局"
    )
    decide_acceptance(db, forwarded, data, actor=actor("a"), today=date(2026, 11, 25)).unwrap()
    register(
        db, channel=Channel.LETTER, letter_date=date(2026, 11, 15), postmark="青山县邮政局",
        confidential=True, accused="某局某科长",
    )  # fmt: skip
    out = tmp_path / "ledger.xlsx"
    export_register(db, 2026, out, actor=actor()).unwrap()
    return out


def test_ledger_has_acceptance_flags_and_letter_columns(ledger: Path) -> None:
    ws = load_workbook(ledger).active
    assert ws is not None
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = rows[1]
    for title in ("受理决定", "告知书文号", "转送机关", "标记", "来信日期"):
        assert title in header, header
    by_title = [dict(zip(header, row, strict=True)) for row in rows[2:5]]
    assert "急件" in by_title[0]["标记"] and "越级" in by_title[0]["标记"]
    assert by_title[1]["受理决定"] == "转送其他机关"
    assert by_title[1]["转送机关"] == "青山县住房和城乡建设局"
    assert by_title[1]["告知书文号"]
    assert "检举控告" in by_title[2]["标记"]
    assert by_title[2]["来信日期"].date() == date(2026, 11, 15)


def test_ledger_prints_readably(ledger: Path) -> None:
    wb = load_workbook(ledger)
    ws = wb.active
    assert ws is not None
    setup = ws.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows in ("2:2", "$2:$2") and ws.freeze_panes == "A3"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A2:")
    columns = load_ledger("register_ledger").columns
    scale = print_scale(columns)
    body = ws.cell(3, 1).font.sz
    assert body * scale >= 9, (body, scale)
    # the long complaint's row is tall enough for its wrapped lines
    long_row = ws.row_dimensions[4].height
    assert long_row is not None and long_row >= 8 * body
    assert (ws.row_dimensions[3].height or 15) < long_row


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_ledger_printed_by_libreoffice(ledger: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "pdf"
    # The program's bundled Chinese font, for a machine without one (no tofu boxes).
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
        f"</include><dir>{FONTS_DIR}</dir></fontconfig>",
        encoding="utf-8",
    )
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), str(ledger)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "FONTCONFIG_FILE": str(conf)},
    )  # fmt: skip
    reader = PdfReader(outdir / "ledger.pdf")
    assert len(reader.pages) <= 2
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert LONG in text  # nothing clipped
    sizes: list[float] = []

    def visit(t: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if t.strip():
            sizes.append(size * abs(tm[3]) * abs(cm[3]))

    reader.pages[0].extract_text(visitor_text=visit)
    assert min(sizes) >= 9, sorted(sizes)[:5]
