"""Document numbers 青信〔2026〕12号."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.docno import format_doc_no, parse_doc_no


def test_format_uses_hexagonal_brackets_and_no_leading_zeros() -> None:
    assert format_doc_no("青信", 2026, 12) == "青信〔2026〕12号"
    assert format_doc_no("", 2026, 1) == "〔2026〕1号"


@pytest.mark.parametrize("year, seq", [(999, 1), (10000, 1), (2026, 0)])
def test_format_refuses_bad_parts(year: int, seq: int) -> None:
    with pytest.raises(ValueError):
        format_doc_no("青信", year, seq)


def test_parse_accepts_what_clerks_type() -> None:
    assert parse_doc_no(" 青信[2026]12号 ") == ("青信", 2026, 12)
    assert parse_doc_no("青信【２０２６】１２号") == ("青信", 2026, 12)
    with pytest.raises(ValueError, match="文号格式"):
        parse_doc_no("青信2026-12")


@given(
    st.text(alphabet="青山信访县局办", max_size=6),
    st.integers(1000, 9999),
    st.integers(1, 100_000),
)
def test_round_trip(prefix: str, year: int, seq: int) -> None:
    assert parse_doc_no(format_doc_no(prefix, year, seq)) == (prefix, year, seq)
