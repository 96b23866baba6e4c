"""Small validators for the intake form.

Each returns ``None`` when the value is acceptable, else a Chinese message for the clerk.
"""

from __future__ import annotations

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
