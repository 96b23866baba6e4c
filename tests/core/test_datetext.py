"""Dates as the office writes them."""

from __future__ import annotations

from datetime import date, datetime

from petitiondesk.core.datetext import chinese_date, chinese_datetime


def test_chinese_date_has_no_padding() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(date(2026, 12, 31)) == "2026年12月31日"


def test_chinese_datetime_pads_the_time() -> None:
    assert chinese_datetime(datetime(2026, 1, 5, 9, 5)) == "2026年1月5日 09:05"
