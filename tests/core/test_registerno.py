from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.registerno import format_register_no, parse_register_no

FORMAT_MESSAGE = "登记号格式应为 年份-五位序号，如 2026-00012"


def test_format_pads_to_five_digits() -> None:
    assert format_register_no(2026, 12) == "2026-00012"
    assert format_register_no(2026, 1) == "2026-00001"
    assert format_register_no(2026, 99999) == "2026-99999"


@pytest.mark.parametrize("seq", [0, -1, 100000])
def test_format_refuses_sequence_out_of_range(seq: int) -> None:
    with pytest.raises(ValueError, match="序号"):
        format_register_no(2026, seq)


@pytest.mark.parametrize("year", [999, 10000, -2026])
def test_format_refuses_year_that_is_not_four_digits(year: int) -> None:
    with pytest.raises(ValueError, match="年份"):
        format_register_no(year, 1)


def test_parse() -> None:
    assert parse_register_no("2026-00012") == (2026, 12)
    assert parse_register_no("  2026-00012\n") == (2026, 12)
    assert parse_register_no("２０２６－０００１２") == (2026, 12)  # full-width IME input


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-12",
        "2026-000012",
        "26-00012",
        "2026-00000",
        "2026_00012",
        "2026 00012",
        "abcd-efghi",
        "0999-00012",
        "2026-0001２a",
        "٢٠٢٦-٠٠٠١٢",
    ],
)
def test_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_register_no(text)
    assert str(caught.value) == FORMAT_MESSAGE


@given(st.integers(1000, 9999), st.integers(1, 99999))
def test_round_trip(year: int, seq: int) -> None:
    text = format_register_no(year, seq)
    assert len(text) == 10
    assert parse_register_no(text) == (year, seq)
    assert format_register_no(*parse_register_no(text)) == text
