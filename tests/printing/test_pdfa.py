"""PDF/A-2b post-processing: structure, determinism, what the check reports."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from petitiondesk.printing.fixed_xlsx import fixed_xlsx
from petitiondesk.printing.form_pdf import render_form_pdf
from petitiondesk.printing.pdfa import DocInfo, pdfa_problems, srgb_profile, to_pdfa

WHEN = datetime(2026, 12, 31)


def _form() -> bytes:
    buffer = io.BytesIO()
    render_form_pdf("closure_form", {"register_no": "2026-00001", "summary": "测试"}, buffer)
    return buffer.getvalue()


def test_a_form_becomes_pdfa_2b() -> None:
    data = to_pdfa(_form(), DocInfo("信访事项办结单", WHEN, author="青山县信访局"))
    assert pdfa_problems(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.docinfo["/CreationDate"] == "D:20261231000000+08'00'"
        meta = pdf.open_metadata()
        assert meta["xmp:CreateDate"] == "2026-12-31T00:00:00+08:00"
        assert meta["dc:title"] == "信访事项办结单"
        assert "/Filter" not in pdf.Root.Metadata


def test_same_input_same_bytes() -> None:
    info = DocInfo("t", WHEN)
    assert to_pdfa(_form(), info) == to_pdfa(_form(), info)
    assert srgb_profile() == srgb_profile() and srgb_profile()[36:40] == b"acsp"


def test_problems_of_a_plain_pdf() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 100, "Helvetica is not embedded")
    canvas.save()
    problems = pdfa_problems(buffer.getvalue())
    assert "缺少 sRGB 输出意图（OutputIntent）" in problems
    assert "XMP 元数据未声明 PDF/A-2b（pdfaid）" in problems
    assert any(p.startswith("字体未嵌入") for p in problems)
    assert pdfa_problems(b"not a pdf")[0].startswith("无法解析")


def test_javascript_is_removed_and_reported() -> None:
    with pikepdf.open(io.BytesIO(_form())) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
        out = io.BytesIO()
        pdf.save(out)
    assert "含有 JavaScript 或动作" in pdfa_problems(out.getvalue())
    assert pdfa_problems(to_pdfa(out.getvalue(), DocInfo("t", WHEN))) == []


def test_xlsx_dates_are_fixed() -> None:
    from openpyxl import Workbook

    def book() -> bytes:
        wb = Workbook()
        wb.active["A1"] = "x"
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()

    first = fixed_xlsx(book(), WHEN)
    assert first == fixed_xlsx(book(), WHEN)
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml")
    assert b"2026-12-31T00:00:00Z" in core
