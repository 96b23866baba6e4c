"""Dates and times as the office writes them on forms and notices (``2026年1月5日``)."""

from __future__ import annotations

from datetime import date, datetime


def chinese_date(day: date) -> str:
    """``2026年1月5日`` (no padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(value: datetime) -> str:
    """``2026年1月5日 09:05``."""
    return f"{chinese_date(value.date())} {value:%H:%M}"
