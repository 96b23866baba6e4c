"""The 四卡 of a booking on one A4 page, read back card by card."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from petitiondesk.printing.cards_pdf import card_values, is_flag_set, render_cards_pdf
from petitiondesk.printing.form_pdf import FormValueError, render_form_pdf
from petitiondesk.printing.formload import load_form
from petitiondesk.printing.formspec import FormSpecError

SUMMARY = (  # about 200 characters
    "来访人反映：其家住青山县城关镇东风村三组，2024年3月村里实施土地征收，涉及其家庭承包地3.2亩。"
    "村委会在未召开村民代表大会、未公示补偿方案的情况下，与开发企业签订了征地协议。"
    "来访人至今只领到青苗补偿费4800元，土地补偿费和安置补助费均未发放，多次到镇政府反映无果。"
    "来访人还反映村干部在补偿款发放中存在优亲厚友问题，要求公开补偿资金去向，并对相关责任人依法依规"
    "严肃处理，尽快解决其家庭生活困难。"
)
TITLES = {  # card id -> title as printed (title + subtitle)
    "visitor": "领导接待日通知卡（来访人联）",
    "unit": "领导接待日通知卡（责任单位联）",
    "leader": "领导接待日呈报卡（领导联）",
    "stub": "领导接待日存根（办公室留存）",
}


@pytest.fixture
def booking() -> dict[str, str]:
    """Every value key of the reception cards, as a booking fills them."""
    return {
        "office_name": "青山县信访局",
        "letterhead": "",
        "booking_no": "YY20261012-003",
        "queue_no": "预约3号",
        "visitor_name": "张三丰",
        "visitor_sex": "男",
        "visitor_phone": "13800138000",
        "visitor_id_number": "330122199003074514",
        "day": "2026年10月12日",
        "weekday": "星期一",
        "time_span": "08:30—12:00",
        "place": "县群众来访接待中心一楼",
        "leader_name": "李红梅",
        "leader_title": "副局长",
        "category": "农村农业·土地征收",
        "summary": SUMMARY,
        "demands": "1. 足额发放土地补偿费；\n2. 公开补偿资金去向。",
        "responsible_unit": "青山县城关镇人民政府",
        "office_phone": "0571-64021234",
        "booked_by": "王晓燕",
        "booked_at": "2026年10月9日 10:25",
        "confidential": "",
    }


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def render(values: dict[str, str]) -> tuple[bytes, PdfReader]:
    buffer = io.BytesIO()
    render_cards_pdf(values, buffer)
    data = buffer.getvalue()
    return data, PdfReader(io.BytesIO(data))


def cards_text(reader: PdfReader) -> dict[str, str]:
    """The text of each card, by card id. Text pieces are joined into lines by their
    baseline (a piece ends where the font subset changes), and every line belongs to the
    card whose title is the nearest one above it (the cards are stacked top to bottom)."""
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((y, x, text))

    reader.pages[0].extract_text(visitor_text=visit)
    rows: list[tuple[float, list[tuple[float, str]]]] = []
    for y, x, text in sorted(pieces, key=lambda piece: -piece[0]):
        if rows and rows[-1][0] - y < 1.0:  # the same baseline
            rows[-1][1].append((x, text))
        else:
            rows.append((y, [(x, text)]))
    # stable sort by x: pieces of one text object report its start, keep their order
    lines = {y: squeeze("".join(t for _, t in sorted(row, key=lambda p: p[0]))) for y, row in rows}
    title_y = {
        card: max(y for y, line in lines.items() if squeeze(title) in line)
        for card, title in TITLES.items()
    }
    order = sorted(title_y, key=lambda card: -title_y[card])
    assert order == list(TITLES)  # stacked in the file's order
    texts = dict.fromkeys(order, "")
    for y in sorted(lines, reverse=True):
        above = [card for card in order if title_y[card] >= y]
        if above:
            texts[above[-1]] += lines[y]
    return texts


def test_four_cards_on_one_page(
    booking: dict[str, str], embedded_fonts_only: Callable[[bytes], list[str]]
) -> None:
    data, reader = render(booking)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width < page.mediabox.height  # portrait A4
    assert round(float(page.mediabox.width)) == 595
    text = squeeze(page.extract_text())
    for title in TITLES.values():
        assert title in text
    assert text.count("沿虚线剪开") == 3
    embedded_fonts_only(data)
    meta = reader.metadata
    assert meta is not None and meta.title == "领导接待日四卡"
    assert meta.author == "青山县信访局" and meta.subject == "领导接待日四卡 YY20261012-003"


def test_what_each_card_says(booking: dict[str, str]) -> None:
    cards = cards_text(render(booking)[1])
    visitor, unit, leader, stub = (cards[c] for c in TITLES)
    for expected in (
        "来访人张三丰", "排队号预约3号", "2026年10月12日星期一08:30—12:00",
        "县群众来访接待中心一楼", "李红梅副局长", "农村农业·土地征收",
        "请携带本人身份证及相关材料", "0571-64021234", "预约编号：YY20261012-003", "青山县信访局",
    ):  # fmt: skip
        assert expected in visitor, expected
    for expected in (
        "责任单位青山县城关镇人民政府", "2026年10月12日星期一08:30—12:00", "李红梅副局长",
        "来访人张三丰", "13800138000", "请责任单位负责人按时到场", "来访人反映：",
    ):  # fmt: skip
        assert expected in unit, expected
    for expected in (
        "张三丰", "性别男", "13800138000", "拟交办单位青山县城关镇人民政府", "领导批示",
        "1.足额发放土地补偿费；", "2.公开补偿资金去向。", "经办人：王晓燕", "呈报时间：2026年10月9日10:25",
    ):  # fmt: skip
        assert expected in leader, expected
    # a 200-character summary printed in full, wrapped (its label sits between its lines)
    assert squeeze(SUMMARY) in leader.replace("反映问题", "")
    for expected in (
        "张三丰", "330122199003074514", "13800138000", "经办人王晓燕",
        "预约时间2026年10月9日10:25", "责任单位青山县城关镇人民政府",
    ):  # fmt: skip
        assert expected in stub, expected
    # the unit's card has room for a few lines of the summary and says where the rest is
    assert squeeze(SUMMARY) not in unit and "（全文见来访登记单）" in unit
    assert "330122199003074514" not in visitor + unit + leader  # the ID only on the stub


def test_confidential_hides_identity_from_the_unit_only(booking: dict[str, str]) -> None:
    data, reader = render({**booking, "confidential": "1"})
    cards = cards_text(reader)
    unit = cards["unit"]
    for secret in ("张三丰", "13800138000", "330122199003074514"):
        assert secret not in unit
    assert "来访人（保密）" in unit and "联系电话（保密）" in unit
    assert "青山县城关镇人民政府" in unit and "来访人反映：" in unit  # the matter itself
    assert "张三丰" in cards["leader"] and "13800138000" in cards["leader"]
    assert "张三丰" in cards["stub"] and "330122199003074514" in cards["stub"]
    assert "张三丰" in cards["visitor"]  # the visitor's own card
    text = squeeze(reader.pages[0].extract_text())
    assert text.count("张三丰") == 3 and text.count("（保密）") == 2
    # not confidential: the unit sees who is coming
    assert "来访人张三丰" in cards_text(render(booking)[1])["unit"]


def test_confidential_flag_fails_closed() -> None:
    assert not is_flag_set("") and not is_flag_set("0") and not is_flag_set(" 否 ")
    for value in ("1", "yes", "true", "是", "检举控告"):
        assert is_flag_set(value)
    spec = load_form("reception_cards")
    assert spec.cards is not None
    unit = next(card for card in spec.cards.cards if card.id == "unit")
    shown = card_values(unit, {"visitor_name": "张三丰", "visitor_phone": "", "confidential": "Y"})
    assert (
        shown["visitor_name"] == shown["visitor_phone"] == shown["visitor_id_number"] == "（保密）"
    )
    for card in spec.cards.cards:
        if card.id != "unit":
            assert (
                card_values(card, {"visitor_name": "张三丰", "confidential": "1"})["visitor_name"]
                == "张三丰"
            )


def test_huge_values_still_one_page_nothing_clipped(booking: dict[str, str]) -> None:
    values = {
        **booking,
        "place": "青山县城关镇人民路" * 25,
        "responsible_unit": "〔单位〕" * 60,
        "summary": SUMMARY * 20,
        "demands": "要求解决。" * 300,
        "letterhead": "青山县信访局" * 30,
    }
    reader = render(values)[1]
    assert len(reader.pages) == 1
    cards = cards_text(reader)  # every card found on the page, in order
    assert all("（全文见来访登记单）" in cards[card] for card in ("visitor", "unit", "leader"))
    assert "330122199003074514" in cards["stub"] and "预约时间" in cards["stub"]
    assert "呈报时间：2026年10月9日10:25" in cards["leader"]
    # an absurd value is cut at its cell's lines, the sheet shrinks if it must: one page
    absurd = {**values, "place": "青山县城关镇人民路" * 2000, "office_phone": "0571" * 300}
    reader = render(absurd)[1]
    assert len(reader.pages) == 1 and "330122199003074514" in reader.pages[0].extract_text()


def test_a_long_place_wraps_in_full(booking: dict[str, str]) -> None:
    place = "青山县城关镇人民路88号县群众来访接待中心一楼东侧第三接待室"
    cards = cards_text(render({**booking, "place": place})[1])
    for card in ("visitor", "unit"):  # two lines beside a one-line neighbour: not cut
        assert "青山县城关镇人民路88号" in cards[card] and "东侧第三接待室" in cards[card]
    assert "（全文见来访登记单）" not in cards["visitor"]


def test_blank_cards_for_handwriting() -> None:
    reader = render({})[1]
    assert len(reader.pages) == 1
    text = squeeze(reader.pages[0].extract_text())
    assert all(title in text for title in TITLES.values()) and "领导批示" in text


def test_wrong_keys_and_wrong_forms(booking: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(FormValueError, match=r"reception_cards.*'visitor_nmae'"):
        render({**booking, "visitor_nmae": "张三"})
    with pytest.raises(FormSpecError, match="has no \\[\\[cards\\]\\]"):
        render_cards_pdf({}, io.BytesIO(), form="registration_slip")
    with pytest.raises(FormSpecError, match="card form; print it with render_cards_pdf"):
        render_form_pdf("reception_cards", {}, io.BytesIO())
    out = tmp_path / "四卡.pdf"
    render_cards_pdf(booking, out)
    assert out.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.part"))
