"""Card forms as data: forms/reception_cards.toml, and broken card files rejected clearly."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from petitiondesk.printing.formload import load_form, parse_form
from petitiondesk.printing.formspec import FormSpecError

CARD_KEYS = {
    "office_name", "letterhead", "booking_no", "queue_no", "visitor_name", "visitor_sex",
    "visitor_phone", "visitor_id_number", "day", "weekday", "time_span", "place",
    "leader_name", "leader_title", "category", "summary", "demands", "responsible_unit",
    "office_phone", "booked_by", "booked_at", "confidential",
}  # fmt: skip


def test_reception_cards_load() -> None:
    spec = load_form("reception_cards")
    assert spec.cards is not None and spec.rows == ()
    cards = spec.cards.cards
    assert [card.id for card in cards] == ["visitor", "unit", "leader", "stub"]
    assert [card.title + card.subtitle for card in cards] == [
        "领导接待日通知卡（来访人联）",
        "领导接待日通知卡（责任单位联）",
        "领导接待日呈报卡（领导联）",
        "领导接待日存根（办公室留存）",
    ]
    assert set(spec.fields) == CARD_KEYS
    for card in cards:
        for row in card.rows:
            assert sum(cell.span for cell in row.cells) == spec.columns
    redacting = [card.id for card in cards if card.redact]
    assert redacting == ["unit"]
    unit = cards[1]
    assert unit.redact_when == "confidential" and unit.redact_text == "（保密）"
    assert {"visitor_name", "visitor_phone", "visitor_id_number"} <= set(unit.redact)
    assert spec.cards.cut_text == "沿虚线剪开"


def minimal(**overrides: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "id": "mini_cards",
        "title": "测试卡",
        "columns": 4,
        "cards": [
            {
                "id": "a",
                "title": "甲卡",
                "rows": [{"cells": [{"label": "姓名", "field": "name", "span": 4}]}],
            },
            {
                "id": "b",
                "title": "乙卡",
                "rows": [
                    {"cells": [{"label": "时间", "text": "{day} {time}", "span": 4}]},
                    {"cells": [{"label": "单位", "field": "unit", "span": 4, "max_lines": 2}]},
                ],
            },
        ],
    }
    form.update(overrides)
    return form


def with_card(index: int, **changes: Any) -> dict[str, Any]:
    form = minimal()
    cards = copy.deepcopy(form["cards"])
    cards[index].update(changes)
    return minimal(cards=cards)


def without_card_key(index: int, key: str) -> dict[str, Any]:
    form = minimal()
    cards = copy.deepcopy(form["cards"])
    del cards[index][key]
    return minimal(cards=cards)


def with_cell(card: int, row: int, cell: dict[str, Any]) -> dict[str, Any]:
    form = minimal()
    cards = copy.deepcopy(form["cards"])
    cards[card]["rows"][row]["cells"] = [cell]
    return minimal(cards=cards)


def test_minimal_card_form() -> None:
    spec = parse_form(minimal(), "mini.toml")
    assert spec.cards is not None and len(spec.cards.cards) == 2
    assert spec.cards.gap_mm == 8 and spec.cards.cut_text == "沿虚线剪开"
    assert spec.fields == ("name", "day", "time", "unit")
    cell = spec.cards.cards[1].rows[1].cells[0]
    assert cell.max_lines == 2 and cell.has_value
    assert spec.cards.cards[0].rows[0].cells[0].max_lines == 3  # a card cell's default
    plain = {
        "id": "p",
        "title": "单",
        "columns": 1,
        "rows": [{"cells": [{"field": "x", "span": 1}]}],
    }
    assert parse_form(plain, "p.toml").rows[0].cells[0].max_lines == 0  # forms: no limit


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            with_card(1, rows=[{"cells": [{"label": "时间", "field": "day", "span": 3}]}]),
            r"cards\[1\]\.rows\[0\]: cell spans 3 = 3, but the form grid is 4 columns",
        ),
        (with_card(0, colour="red"), r"cards\[0\]: unknown key\(s\) colour"),
        (
            with_cell(1, 0, {"label": "时间", "feild": "day", "span": 4}),
            r"cards\[1\]\.rows\[0\]\.cells\[0\]: unknown key\(s\) feild",
        ),
        (
            with_cell(0, 0, {"label": "时间", "field": "day", "text": "{day}", "span": 4}),
            r"cards\[0\]\.rows\[0\]\.cells\[0\]: a cell has a field or a text template",
        ),
        (with_cell(0, 0, {"text": "{day!r}", "span": 4}), r"cells\[0\]\.text: placeholder"),
        (with_cell(0, 0, {"label": "甲", "span": 4, "max_lines": 2}), r"max_lines"),
        (with_cell(0, 0, {"field": "a", "span": 4, "max_lines": -1}), r"max_lines"),
        (with_card(0, rows=[]), r"cards\[0\]\.rows: a form needs at least one row"),
        (without_card_key(0, "title"), r"cards\[0\]: missing required key 'title'"),
        (with_card(0, id="bad id"), r"cards\[0\]\.id"),
        (with_card(1, id="a"), r"duplicate card id\(s\) a"),
        (with_card(0, redact=["name"]), r"redact and redact_when go together"),
        (with_card(0, redact=["bad-key"], redact_when="secret"), r"redact\[0\]"),
        (with_card(0, redact=["name"], redact_when="not a key"), r"redact_when"),
        (with_card(0, notes=[[]]), r"cards\[0\]\.notes\[0\]"),
        (minimal(cards=[]), r"at least one \[\[cards\]\]"),
        (minimal(rows=[{"cells": [{"field": "x", "span": 4}]}]), r"unknown key\(s\) rows"),
        (minimal(footer={"lines": ["x"]}), r"unknown key\(s\) footer"),
        (minimal(card_gap_mm=100), r"card_gap_mm"),
        (minimal(line_spacing=5), r"line_spacing"),
    ],
)
def test_invalid_card_forms_name_file_and_place(form: dict[str, Any], message: str) -> None:
    with pytest.raises(FormSpecError, match=message) as info:
        parse_form(form, "forms/broken_cards.toml")
    assert "forms/broken_cards.toml" in str(info.value)


def test_card_only_keys_are_refused_in_a_plain_form() -> None:
    plain = {
        "id": "slip", "title": "单", "columns": 1, "cut_text": "剪",
        "rows": [{"cells": [{"field": "a", "span": 1}]}],
    }  # fmt: skip
    with pytest.raises(FormSpecError, match=r"unknown key\(s\) cut_text"):
        parse_form(plain, "forms/slip.toml")


def test_card_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "cards.toml"
    bad.write_text(
        'id = "cards"\ntitle = "卡"\ncolumns = 2\n'
        '[[cards]]\nid = "a"\ntitle = "甲"\n'
        '[[cards.rows]]\ncells = [ { field = "x", span = 2 } ]\n'
        '[[cards]]\nid = "b"\ntitle = "乙"\n'
        '[[cards.rows]]\ncells = [ { field = "x", span = 2 } ]\n'
        '[[cards.rows]]\ncells = [ { label = "甲", field = "y", span = 1 } ]\n',
        encoding="utf-8",
    )
    with pytest.raises(
        FormSpecError, match=r"cards\.toml: cards\[1\]\.rows\[1\]\.cells\[0\]\.label_span"
    ):
        load_form(bad)
