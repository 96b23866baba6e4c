"""Register numbers (登记号) ``YYYY-NNNNN``: the year, then a 5-digit sequence within it."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

MIN_SEQ: Final = 1
MAX_SEQ: Final = 99_999
MIN_YEAR: Final = 1000
MAX_YEAR: Final = 9999

MSG_FORMAT: Final = "登记号格式应为 年份-五位序号，如 2026-00012"

_PATTERN: Final = re.compile(r"([1-9][0-9]{3})-([0-9]{5})", re.ASCII)


def format_register_no(year: int, seq: int) -> str:
    """``format_register_no(2026, 12) == "2026-00012"``."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"登记号的年份应为四位数字，现为 {year}")
    if not MIN_SEQ <= seq <= MAX_SEQ:
        raise ValueError(f"登记号序号应在 {MIN_SEQ}–{MAX_SEQ} 之间，现为 {seq}")
    return f"{year:04d}-{seq:05d}"


def parse_register_no(text: str) -> tuple[int, int]:
    """``"2026-00012"`` -> ``(2026, 12)``.

    Surrounding spaces and full-width input (２０２６－０００１２) are accepted; anything
    else raises ``ValueError`` with a message for the clerk.
    """
    match = _PATTERN.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        raise ValueError(MSG_FORMAT)
    year, seq = int(match[1]), int(match[2])
    if seq < MIN_SEQ:
        raise ValueError(MSG_FORMAT)
    return year, seq
