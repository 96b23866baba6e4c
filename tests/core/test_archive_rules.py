from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.archive import (
    Retention,
    archive_code,
    check_code,
    code_file_stem,
    date8,
    is_open,
    item_no,
    register_gaps,
)
from petitiondesk.core.enums import CaseStatus


def test_archive_code_follows_da_t_22() -> None:
    code = archive_code("X001", "WS", 2026, Retention.YEARS_30, "XF", 12)
    assert code == "X001-WS·2026-D30-XF-0012"
    assert archive_code("X001", "WS", 2026, Retention.PERMANENT, "", 1) == "X001-WS·2026-Y-0001"
    assert code_file_stem(code) == "X001-WS.2026-D30-XF-0012"


def test_item_numbers_are_four_digits() -> None:
    assert item_no(7) == "0007" and item_no(9999) == "9999"
    for bad in (0, 10_000):
        with pytest.raises(ValueError):
            item_no(bad)


def test_labels_and_dates() -> None:
    assert [r.label for r in Retention] == ["永久", "30年", "10年"]
    assert date8(date(2026, 12, 1)) == "20261201"


def test_open_and_done_statuses() -> None:
    assert is_open(CaseStatus.REFERRED) and is_open(CaseStatus.IN_REVIEW)
    for done in (CaseStatus.CLOSED, CaseStatus.FINAL, CaseStatus.REJECTED, CaseStatus.FORWARDED):
        assert not is_open(done)


def test_codes_are_letters_and_digits() -> None:
    assert check_code("X001", required=True) is None
    assert check_code("", required=False) is None
    assert check_code("", required=True) == "必须填写"
    assert check_code("X-01", required=True) and check_code("全宗", required=True)


@given(st.sets(st.integers(1, 300)))
def test_register_gaps_are_exactly_the_missing_numbers(present: set[int]) -> None:
    gaps = register_gaps(present)
    top = max(present, default=0)
    assert set(gaps) | present == set(range(1, top + 1))
    assert not set(gaps) & present
