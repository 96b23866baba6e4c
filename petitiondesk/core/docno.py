"""Document numbers (文号) of the office's written notices: ``青信〔2026〕12号``.

The office's prefix (``OfficeSettings.doc_prefix``, may be empty), the year in 六角括号
〔〕 (U+3014/U+3015, as official documents write it — not 【】 or []), then the sequence
number within the year without leading zeros, then 号.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

MSG_FORMAT: Final = "文号格式应为 前缀〔年份〕序号号，如 青信〔2026〕12号"

_PATTERN: Final = re.compile(r"(.*?)〔([1-9][0-9]{3})〕([1-9][0-9]*)号")
# Brackets people type instead of 〔〕.
_BRACKETS: Final = str.maketrans(
    {"[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕"}
)


def format_doc_no(prefix: str, year: int, seq: int) -> str:
    """``format_doc_no("青信", 2026, 12) == "青信〔2026〕12号"``."""
    if not 1000 <= year <= 9999:
        raise ValueError(f"文号的年份应为四位数字，现为 {year}")
    if seq < 1:
        raise ValueError(f"文号序号应为正整数，现为 {seq}")
    return f"{prefix.strip()}〔{year}〕{seq}号"


def parse_doc_no(text: str) -> tuple[str, int, int]:
    """``"青信〔2026〕12号"`` -> ``("青信", 2026, 12)``; also accepts [] and 【】 for 〔〕
    and full-width digits. Raises ``ValueError`` with a message for the clerk."""
    norm = unicodedata.normalize("NFKC", text).strip().translate(_BRACKETS)
    match = _PATTERN.fullmatch(norm)
    if match is None:
        raise ValueError(MSG_FORMAT)
    return match[1].strip(), int(match[2]), int(match[3])
