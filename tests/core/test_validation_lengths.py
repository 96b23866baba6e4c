"""check_max_length: text that would not fit its column or printed box."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.validation import check_max_length


def test_message_names_the_field_and_both_lengths() -> None:
    assert check_max_length("王" * 41, 40, "姓名") == "姓名不能超过40个字（现为41个字）"
    assert check_max_length("王" * 40, 40, "姓名") is None
    assert check_max_length(None, 40, "姓名") is None


@given(st.text(max_size=60), st.integers(0, 50))
def test_refuses_exactly_the_text_longer_than_the_limit(text: str, limit: int) -> None:
    assert (check_max_length(text, limit, "x") is None) == (len(text.strip()) <= limit)
