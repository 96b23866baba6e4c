"""Fixtures for the printing tests: every test renders with the bundled font."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from petitiondesk.printing.fonts import BUNDLED_FONT, FONT_ENV, reset_font_cache


@pytest.fixture(autouse=True)
def bundled_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Pin the bundled WenQuanYi font so output does not depend on the machine's fonts."""
    monkeypatch.setenv(FONT_ENV, str(BUNDLED_FONT))
    reset_font_cache()
    yield BUNDLED_FONT
    reset_font_cache()


@pytest.fixture
def slip_values() -> dict[str, str]:
    """A realistic registration (all keys of the registration slip)."""
    return {
        "office_name": "某某县信访局",
        "letterhead": "某某县信访局",
        "register_no": "2026-00123",
        "received_at": "2026年11月21日 09:30",
        "channel": "走访",
        "name": "张三丰",
        "sex": "男",
        "id_number": "110101199003074514",
        "phone": "13800138000",
        "address": "某某县某某镇某某村三组45号",
        "work_unit": "某某县某某镇某某村村民",
        "people_count": "6",
        "representatives": "张三丰、李四、王五",
        "category": "农村农业·土地征收",
        "place": "某某县某某镇某某村",
        "summary": "来访人反映：村委会未公示征地补偿方案，土地补偿费至今未足额发放。",
        "demands": "1. 足额发放土地补偿费；\n2. 公开补偿方案和资金使用明细。",
        "receiving_officer": "李明",
        "duty_leader": "王副局长",
        "handling_opinion": "转某某镇人民政府调查处理，15日内书面答复来访人。",
        "result": "",
        "flags": "重复访（首次登记号 2025-00012）；越级访",
        "printed_at": "2026年11月21日 10:02",
    }


def _embedded_fonts_only(pdf: bytes) -> list[str]:
    """Check every font on every page is an embedded TrueType CJK font (never a base-14
    Helvetica the printer would substitute); return their names."""
    import io

    from pypdf import PdfReader

    names: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]  # type: ignore[index]
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            assert "Helvetica" not in name, name
            assert font["/Subtype"] == "/TrueType", name
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
            assert "WenQuanYiMicroHei" in name, name
            names.append(name)
    assert names
    return names


@pytest.fixture
def embedded_fonts_only() -> Callable[[bytes], list[str]]:
    return _embedded_fonts_only
