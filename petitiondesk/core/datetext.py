"""Dates and times as the office writes them on forms and notices (``2026年1月5日``)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime


def chinese_date(day: date) -> str:
    """``2026年1月5日`` (no padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(value: datetime) -> str:
    """``2026年1月5日 09:05``."""
    return f"{chinese_date(value.date())} {value:%H:%M}"


MSG_DATE_FORMAT = "日期格式不正确，请按“年-月-日”填写，如 2026-03-05"

_DAY_PATTERNS = (
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def parse_day(text: str, message: str = MSG_DATE_FORMAT) -> date | None:
    """``2026-3-5``, ``2026/03/05``, ``2026.3.5``, ``20260305``, ``2026年3月5日`` → date;
    empty → None; anything else (or a day that does not exist) raises ``ValueError(message)``."""
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        return None
    for pattern in _DAY_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise ValueError(message) from None
    raise ValueError(message)
