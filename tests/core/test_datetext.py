"""Dates as the office writes them."""

from __future__ import annotations

from datetime import date, datetime

from petitiondesk.core.datetext import chinese_date, chinese_datetime


def test_chinese_date_has_no_padding() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(date(2026, 12, 31)) == "2026年12月31日"


def test_chinese_datetime_pads_the_time() -> None:
    assert chinese_datetime(datetime(2026, 1, 5, 9, 5)) == "2026年1月5日 09:05"


def test_parse_day_accepts_the_usual_spellings_and_refuses_impossible_days() -> None:
    import pytest

    from petitiondesk.core.datetext import MSG_DATE_FORMAT, parse_day

    for text in ("2026-3-5", "2026/03/05", "2026.3.5", "20260305", "2026年3月5日", "２０２６-3-5"):
        assert parse_day(text) == date(2026, 3, 5)
    assert parse_day("  ") is None
    for bad in ("2026-02-30", "5/3/2026", "昨天"):
        with pytest.raises(ValueError, match="日期格式"):
            parse_day(bad)
    with pytest.raises(ValueError) as info:
        parse_day("x", "来信日期不对")
    assert str(info.value) == "来信日期不对" and MSG_DATE_FORMAT
