from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.periods import (
    PERIOD_CUSTOM,
    PERIOD_MONTH,
    PERIOD_QUARTER,
    PERIOD_YEAR,
    month_end,
    period_containing,
    period_text,
    shift_period,
)


def test_month_end_rolls_the_year() -> None:
    assert month_end(2026, 12) == date(2026, 12, 31)
    assert month_end(2026, 14) == date(2027, 2, 28)
    assert month_end(2028, 2) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (date(2026, 11, 1), date(2026, 11, 30), "2026年11月"),
        (date(2026, 10, 1), date(2026, 12, 31), "2026年第四季度"),
        (date(2026, 1, 1), date(2026, 12, 31), "2026年"),
        (date(2026, 11, 3), date(2026, 11, 3), "2026年11月3日"),
        (date(2026, 11, 3), date(2027, 1, 15), "2026年11月3日至2027年1月15日"),
    ],
)
def test_period_text(first: date, last: date, text: str) -> None:
    assert period_text(first, last) == text


@given(
    st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)),
    st.sampled_from([PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR, PERIOD_CUSTOM]),
    st.integers(min_value=-30, max_value=30),
)
def test_shifted_period_is_a_whole_period_and_shifts_back(day: date, kind: str, steps: int) -> None:
    start, end = period_containing(kind, day)
    assert start <= day <= end
    moved = shift_period(kind, start, end, steps)
    assert period_containing(kind, moved[0]) == moved or kind == PERIOD_CUSTOM
    assert shift_period(kind, *moved, -steps) == (start, end)
