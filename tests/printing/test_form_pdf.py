"""The registration slip as PDF, read back: text, pages, embedded fonts, metadata."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from petitiondesk.printing.form_pdf import FormValueError, render_form_pdf
from petitiondesk.printing.formload import load_form

SENTENCE = "来访人反映：其所在村于2024年实施土地征收，村委会未公示补偿方案，补偿款至今未足额发放。"


def numbered_summary(count: int) -> str:
    """Sentences tagged 〔001〕… so a test can prove no part of the text was clipped."""
    return "".join(f"〔{i:03d}〕{SENTENCE}" for i in range(1, count + 1))


def render(values: dict[str, str], form: str = "registration_slip") -> PdfReader:
    buffer = io.BytesIO()
    render_form_pdf(form, values, buffer)
    return PdfReader(io.BytesIO(buffer.getvalue()))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def all_text(reader: PdfReader) -> str:
    return squeeze("".join(page.extract_text() for page in reader.pages))


def test_slip_text_reads_back(slip_values: dict[str, str]) -> None:
    reader = render(slip_values)
    assert len(reader.pages) == 1
    text = all_text(reader)
    for expected in (
        "某某县信访局", "来访登记单", "登记号：2026-00123", "张三丰", "110101199003074514",
        "13800138000", "反映的主要问题", "越级访", "接待人：李明", "值班领导：王副局长",
        "打印时间：2026年11月21日10:02", "第1页共1页",
    ):  # fmt: skip
        assert expected in text
    assert "2.公开补偿方案" in text  # the clerk's line break kept in 诉求


def test_metadata(slip_values: dict[str, str]) -> None:
    meta = render(slip_values).metadata
    assert meta is not None
    assert meta.title == "来访登记单"
    assert meta.author == "某某县信访局"
    assert meta.subject == "来访登记单 2026-00123"


def test_600_character_summary_with_markup_and_formula_prints_literally(
    slip_values: dict[str, str],
) -> None:
    summary = "=SUM(A1) <b>&</b> 来访人称“补偿款被截留” & <script>" + "征地补偿未足额发放，" * 56
    assert len(summary) >= 600
    reader = render({**slip_values, "summary": summary})
    assert len(reader.pages) == 1
    text = all_text(reader)
    assert "=SUM(A1)<b>&</b>来访人称“补偿款被截留”&<script>" in text
    assert "&amp;" not in text and "&lt;" not in text
    assert text.count("征地补偿未足额发放") == 56


def test_very_long_summary_continues_on_a_second_page(slip_values: dict[str, str]) -> None:
    reader = render({**slip_values, "summary": numbered_summary(45)})
    assert len(reader.pages) == 2
    first, second = (squeeze(page.extract_text()) for page in reader.pages)
    assert "第1页共2页" in first and "第2页共2页" in second
    assert "来访登记单（续）登记号：2026-00123" in second
    assert "主要问题（续）" in second
    text = first + second
    for i in range(1, 46):  # every sentence printed once: nothing clipped, nothing doubled
        assert text.count(f"〔{i:03d}〕") == 1
    assert "〔045〕" in second and "接待人：李明" in second  # footer after the grid


def test_enormous_values_never_clip(slip_values: dict[str, str]) -> None:
    values = {
        **slip_values,
        "summary": numbered_summary(200),
        "address": "某某县某某镇某某村" * 60,  # a one-line field gone wild
        "handling_opinion": "\n".join(f"意见{i}" for i in range(80)),
        "receiving_officer": "".join(f"〈{i:03d}〉李明" for i in range(400)),  # footer
        "letterhead": "某某县信访局" * 40,  # header lines shrink, then are cut with …
        "register_no": "2026-" + "9" * 300,
    }
    reader = render(values)
    assert len(reader.pages) >= 5
    text = all_text(reader)
    assert all(f"〔{i:03d}〕" in text for i in range(1, 201))
    assert all(f"〈{i:03d}〉" in text for i in range(400))
    assert "意见79" in text and text.count("某某县某某镇某某村") >= 60
    assert "登记号：2026-999" in text and "…" in text


def test_blank_slip_for_handwriting() -> None:
    reader = render({})
    assert len(reader.pages) == 1
    text = all_text(reader)
    assert "来访登记单" in text and "登记号：" in text and "办理结果" in text


def test_unknown_key_is_a_clear_error(slip_values: dict[str, str]) -> None:
    with pytest.raises(FormValueError, match=r"registration_slip.*has no field\(s\) 'nmae'"):
        render({**slip_values, "nmae": "张三"})


def test_non_text_values(slip_values: dict[str, str]) -> None:
    reader = render({**slip_values, "people_count": 6, "result": None})  # type: ignore[dict-item]
    assert "来访人数6" in all_text(reader)
    with pytest.raises(FormValueError, match="must be text"):
        render({**slip_values, "name": ["张三"]})  # type: ignore[dict-item]


def test_control_characters_and_crlf_are_cleaned(slip_values: dict[str, str]) -> None:
    reader = render(
        {**slip_values, "summary": "第一行\r\n第二行\x00\x07\x1b结束", "name": "张\n三丰"}
    )
    text = reader.pages[0].extract_text()
    assert "第一行\n第二行结束" in text
    assert "张 三丰" in text  # a one-line field: the line break becomes a space


def fonts_of(reader: PdfReader) -> list[dict[str, object]]:
    found = []
    for page in reader.pages:
        resources = page["/Resources"]
        for ref in resources["/Font"].values():  # type: ignore[index]
            found.append(ref.get_object())
    return found


def test_font_is_embedded_and_nothing_else_is_used(slip_values: dict[str, str]) -> None:
    reader = render({**slip_values, "summary": numbered_summary(60)})
    fonts = fonts_of(reader)
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType"
        assert "WenQuanYiMicroHei" in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()  # type: ignore[attr-defined]
        assert "/FontFile2" in descriptor  # the TrueType program is in the PDF


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_embedded(slip_values: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "slip.pdf"
    render_form_pdf("registration_slip", slip_values, out)
    assert not list(tmp_path.glob("*.part"))
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        name, _type, _enc, emb, sub, uni, *_ = line.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line
        assert "WenQuanYi" in name


def test_a_new_form_is_just_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "referral_slip.toml"
    path.write_text(
        """
id = "referral_slip"
title = "交办单"
columns = 6
author = "{office_name}"
[header]
letterhead = "{office_name}"
number_line = "交办号：{referral_no}"
[[rows]]
cells = [ { label = "承办单位", field = "unit", span = 4, label_span = 2 },
          { label = "期限", field = "deadline", span = 2 } ]
[[rows]]
cells = [ { label = "领导批示", field = "instruction", span = 6, multiline = true, min_height_mm = 40 } ]
[footer]
lines = ["经办人：{clerk}"]
""",
        encoding="utf-8",
    )
    spec = load_form(path)
    buffer = io.BytesIO()
    render_form_pdf(
        spec,
        {"office_name": "某某县信访局", "referral_no": "交〔2026〕15号", "unit": "某某镇人民政府",
         "deadline": "2026年12月5日", "instruction": "请认真核查，依法依规处理。", "clerk": "李明"},
        buffer,
    )  # fmt: skip
    text = all_text(PdfReader(io.BytesIO(buffer.getvalue())))
    assert "交办单" in text and "交办号：交〔2026〕15号" in text and "依法依规处理" in text
