"""Small validators for the intake form.

Each returns ``None`` when the value is acceptable, else a Chinese message for the clerk.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date, datetime
from typing import Final

MAX_PEOPLE: Final = 10_000

MSG_PHONE: Final = "电话号码格式不正确：手机号为11位，固定电话需带区号，如 0571-88889999"
MSG_PEOPLE_MIN: Final = "人数至少为1人"
MSG_PEOPLE_MAX: Final = f"人数不能超过{MAX_PEOPLE}人"
MSG_FUTURE: Final = "日期不能晚于当前时间"

_MOBILE: Final = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
# Area code 0 + 2–3 digits (010, 021, 0571 …), local number of 7–8 digits not starting
# with 0 or 1, optional extension after "-", "转", "#" or "ext".
_LANDLINE: Final = re.compile(
    r"0[1-9][0-9]{1,2}[- ]?[2-9][0-9]{6,7}(?:(?:-|转|#|ext\.?)[0-9]{1,6})?",
    re.ASCII | re.IGNORECASE,
)


def check_phone(text: str | None) -> str | None:
    """A mainland mobile number or a landline with area code; empty is accepted
    (the phone is optional; the caller decides whether it is required)."""
    phone = unicodedata.normalize("NFKC", text or "").strip()
    if not phone:
        return None
    if _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return None
    return MSG_PHONE


def check_required(text: str | None, label: str) -> str | None:
    """Refuse an empty or blank field: ``请填写{label}``."""
    if text is None or not text.strip():
        return f"请填写{label}"
    return None


def check_people_count(n: int) -> str | None:
    """Number of people in a visit: 1 to ``MAX_PEOPLE``."""
    if n < 1:
        return MSG_PEOPLE_MIN
    if n > MAX_PEOPLE:
        return MSG_PEOPLE_MAX
    return None


def check_not_future(dt: date, now: date) -> str | None:
    """Refuse a date or time after ``now``. A date is compared with ``now``'s date when
    only one side has a time of day."""
    if isinstance(dt, datetime) != isinstance(now, datetime):
        later = _day(dt) > _day(now)
    else:
        later = dt > now
    return MSG_FUTURE if later else None


def _day(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def check_max_length(text: str | None, limit: int, label: str) -> str | None:
    """Refuse text longer than ``limit`` characters (the column and the printed box):
    ``{label}不能超过{limit}个字（现为{n}个字）``."""
    n = len((text or "").strip())
    if n > limit:
        return f"{label}不能超过{limit}个字（现为{n}个字）"
    return None


# --- text and numbers the database cannot store ---------------------------------------

#: Long free text: the rest belongs in an attachment (a 5-million-character summary
#: printed a 2,661-page slip).
SUMMARY_MAX: Final = 2000
DEMANDS_MAX: Final = 1000
OPINION_MAX: Final = 1000
#: Earliest plausible date on a register entry (the register number needs four digits).
EARLIEST_YEAR: Final = 1950

MSG_UNSTORABLE_TEXT: Final = "含有无法保存的字符（多见于复制粘贴），请删除后重新输入"
MSG_UNSTORABLE_NUMBER: Final = "数值超出范围（所选项目不存在或数字过大）"
# The INTEGER columns' range on PostgreSQL (32 bits; SQLite's is 64): a number outside it
# is refused on either engine, so a register behaves the same after ``migrate-to``.
_SQLITE_INT_MIN: Final = -(2**31)
_SQLITE_INT_MAX: Final = 2**31 - 1


def check_long_text(text: str | None, limit: int, label: str) -> str | None:
    """Refuse free text over ``limit`` characters and point to attachments instead."""
    n = len((text or "").strip())
    if n > limit:
        return f"{label}内容过长（最多 {limit} 字，现为 {n} 字），请把全文作为附件添加"
    return None


def check_year(d: date | None, label: str) -> str | None:
    """Refuse a date before :data:`EARLIEST_YEAR` (a typo such as 0202 for 2026)."""
    if d is not None and d.year < EARLIEST_YEAR:
        return f"{label}的年份不合理（应在{EARLIEST_YEAR}年以后），请检查"
    return None


def has_lone_surrogate(text: str) -> bool:
    """True for text that cannot be stored: a lone surrogate from a broken paste (not
    UTF-8) or a NUL character (PostgreSQL text refuses it; SQLite would cut it off)."""
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)


def storable_problems(data: object, key: str = "") -> dict[str, str]:
    """Fields of a dataclass input the database cannot store: text with lone surrogates,
    whole numbers outside the INTEGER columns' range (32-bit, as on PostgreSQL). Nested
    dataclasses and lists report under their own field's key. Checked before anything
    touches the database."""
    found: dict[str, str] = {}
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        for item in dataclasses.fields(data):
            for sub, message in storable_problems(getattr(data, item.name), item.name).items():
                found.setdefault(key or sub, message)
    elif isinstance(data, list | tuple):
        for element in data:
            for _sub, message in storable_problems(element, key).items():
                found.setdefault(key, message)
    elif isinstance(data, str) and has_lone_surrogate(data):
        found[key] = MSG_UNSTORABLE_TEXT
    elif isinstance(data, int) and not _SQLITE_INT_MIN <= data <= _SQLITE_INT_MAX:
        found[key] = MSG_UNSTORABLE_NUMBER
    return found


def storable_values(**values: object) -> dict[str, str]:
    """:func:`storable_problems` for loose arguments (ids, reasons) keyed by their name:
    ``storable_values(entry_id=entry_id, reason=reason)``."""
    found: dict[str, str] = {}
    for key, value in values.items():
        found.update(storable_problems(value, key))
    return found
