"""Time spans of a reception slot (08:30-12:00) and the roster's date formatting."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from typing import Final

from petitiondesk.core.datetext import chinese_date

#: At most this many time spans in one rule ("08:30-12:00;14:30-18:00" has two).
MAX_SPANS: Final = 6

WEEKDAY_LABELS: Final = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# --- small formatting helpers ------------------------------------------------------------


def weekday_label(d: date) -> str:
    """``星期一`` … ``星期日``."""
    return WEEKDAY_LABELS[d.weekday()]


def format_md(d: date) -> str:
    """``10月8日`` (no year, no padding), as the clerk writes it on a notice card."""
    return f"{d.month}月{d.day}日"


def format_day(d: date) -> str:
    """``2026年10月8日（星期四）``, for report messages that may span years."""
    return f"{chinese_date(d)}（{weekday_label(d)}）"


def format_time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


# --- time spans --------------------------------------------------------------------------


class SlotTextError(ValueError):
    """The time-span text cannot be read; ``str(exc)`` is a Chinese message for the clerk."""


@dataclass(frozen=True, order=True)
class TimeSpan:
    """One reception time span on a day, e.g. 08:30–12:00."""

    start: time
    end: time

    @property
    def text(self) -> str:
        """``08:30-12:00``."""
        return f"{format_time(self.start)}-{format_time(self.end)}"

    @property
    def half_day(self) -> str:
        """``上午`` / ``下午`` / ``晚上`` by the start time."""
        if self.start < time(12):
            return "上午"
        if self.start < time(18):
            return "下午"
        return "晚上"


MSG_SPANS_EMPTY: Final = "请填写接待时段，如 08:30-12:00;14:30-18:00"

_DASHES: Final = str.maketrans({"–": "-", "—": "-", "―": "-", "－": "-", "～": "-", "~": "-"})
_SPAN_RE: Final = re.compile(r"(\d{1,2}):(\d{2})\s*(?:-|至|到)\s*(\d{1,2}):(\d{2})")
_SPAN_SEPARATORS: Final = re.compile(r"[;,、\n]+")


def _clock(hour: str, minute: str, part: str) -> time:
    h, m = int(hour), int(minute)
    if h > 23 or m > 59:
        raise SlotTextError(f"接待时段“{part}”中的时间{hour}:{minute}不存在")
    return time(h, m)


def parse_spans(text: str) -> tuple[TimeSpan, ...]:
    """Read ``"08:30-12:00;14:30-18:00"`` into sorted, non-overlapping spans.

    Full-width punctuation (；：－～) and the separators ``,`` ``、`` or a new line are
    accepted, so are ``至`` / ``到`` between the times. Raises ``SlotTextError`` with a
    Chinese message on anything else.
    """
    normalized = unicodedata.normalize("NFKC", text or "").translate(_DASHES)
    parts = [p.strip() for p in _SPAN_SEPARATORS.split(normalized) if p.strip()]
    if not parts:
        raise SlotTextError(MSG_SPANS_EMPTY)
    if len(parts) > MAX_SPANS:
        raise SlotTextError(f"接待时段最多{MAX_SPANS}段")
    spans: list[TimeSpan] = []
    for part in parts:
        match = _SPAN_RE.fullmatch(part)
        if match is None:
            raise SlotTextError(
                f"接待时段“{part}”格式不正确，应写成 08:30-12:00，多个时段用分号隔开"
            )
        start = _clock(match[1], match[2], part)
        end = _clock(match[3], match[4], part)
        if end <= start:
            raise SlotTextError(f"接待时段“{part}”的结束时间应晚于开始时间")
        spans.append(TimeSpan(start, end))
    spans.sort()
    for earlier, later in zip(spans, spans[1:], strict=False):
        if later.start < earlier.end:
            raise SlotTextError(f"接待时段“{earlier.text}”与“{later.text}”重叠")
    return tuple(spans)


def check_spans(text: str) -> str | None:
    """``None`` when ``parse_spans`` accepts ``text``, else its Chinese message."""
    try:
        parse_spans(text)
    except SlotTextError as exc:
        return str(exc)
    return None


def format_spans(spans: Iterable[TimeSpan]) -> str:
    """The canonical text stored in ``ReceptionRule.slots``: ``08:30-12:00;14:30-18:00``."""
    return ";".join(span.text for span in spans)


def spans_overlap(a_start: time, a_end: time, b_start: time, b_end: time) -> bool:
    """True when two time spans on the same day share a moment (touching ends do not)."""
    return a_start < b_end and b_start < a_end
