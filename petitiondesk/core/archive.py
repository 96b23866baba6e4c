"""The rules of the year-end archive (DA/T 22-2015 归档文件整理规则), Qt- and database-free.

The item (件) is one case with all its papers. Its archival code (档号) is
``全宗号-门类代码·年度-保管期限-机构(问题)代码-件号`` (件号 four digits; the
机构(问题) segment is left out when the office keeps none), e.g.
``X001-WS·2026-D30-XF-0001``. Item numbers run from 0001 within each retention period
of a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Final

from petitiondesk.core.enums import CaseStatus

DEFAULT_CLASS_CODE: Final = "WS"  # 文书
#: What a code (全宗号, 机构(问题)代码, 门类代码) may contain: it goes into file names.
CODE_PATTERN: Final = re.compile(r"[0-9A-Za-z]{1,20}", re.ASCII)
MSG_CODE: Final = "只能由字母和数字组成（不超过20位）"


class Retention(StrEnum):
    """保管期限 (DA/T 22: 永久 Y, 定期30年 D30, 定期10年 D10)."""

    PERMANENT = "Y"
    YEARS_30 = "D30"
    YEARS_10 = "D10"

    @property
    def label(self) -> str:
        return RETENTION_LABELS[self]


RETENTION_LABELS: Final = {
    Retention.PERMANENT: "永久",
    Retention.YEARS_30: "30年",
    Retention.YEARS_10: "10年",
}
DEFAULT_RETENTION: Final = Retention.YEARS_30

#: A case in one of these states is still being handled: not archived without
#: ``--include-open`` (then it is listed as 未结, outside the catalogue).
OPEN_STATUSES: Final = frozenset(
    {
        CaseStatus.REGISTERED,
        CaseStatus.ACCEPTED,
        CaseStatus.REFERRED,
        CaseStatus.REREFER,
        CaseStatus.ANSWERED,
        CaseStatus.IN_REVIEW,
    }
)


def is_open(status: CaseStatus) -> bool:
    return status in OPEN_STATUSES


#: 件号 are four digits: at most this many items in one 保管期限 of a year.
MAX_ITEMS: Final = 9999


def item_no(number: int) -> str:
    """件号: four digits, ``item_no(7) == "0007"``."""
    if not 1 <= number <= MAX_ITEMS:
        raise ValueError(f"件号应在 1–{MAX_ITEMS} 之间，现为 {number}")
    return f"{number:04d}"


def archive_code(
    fonds_no: str, class_code: str, year: int, retention: Retention, org_code: str, number: int
) -> str:
    """档号 = 全宗号-门类代码·年度-保管期限-机构(问题)代码-件号."""
    parts = [fonds_no, f"{class_code}·{year}", retention.value]
    if org_code:
        parts.append(org_code)
    parts.append(item_no(number))
    return "-".join(parts)


def code_file_stem(code: str) -> str:
    """The 档号 as a file name (the middle dot becomes a full stop): ``X001-WS.2026-D30-0001``."""
    return code.replace("·", ".")


def date8(day: date) -> str:
    """日期 in the catalogue: eight digits, ``20261201``."""
    return day.strftime("%Y%m%d")


def check_code(value: str, *, required: bool) -> str | None:
    """Why ``value`` is not a valid 全宗号 / 代码, or None."""
    if not value:
        return "必须填写" if required else None
    return None if CODE_PATTERN.fullmatch(value) else MSG_CODE


def register_gaps(seqs: Iterable[int]) -> list[int]:
    """The sequence numbers missing between 1 and the highest one (完整性: 登记号不断号)."""
    present = set(seqs)
    if not present:
        return []
    return [n for n in range(1, max(present) + 1) if n not in present]
