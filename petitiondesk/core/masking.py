"""Masking of personal data in lists, search results and exports for outside use.

``mask_id("410122197206113513")`` → ``"4101**********3513"`` (first 4 and last 4 kept);
``mask_phone("13637103118")`` → ``"136****3118"`` (first 3 and last 4 kept); a landline
keeps its area code and the last 4 digits (``"0371-62345678"`` → ``"0371-****5678"``).

Both keep the length of the (stripped) text and never show its middle: the ends are kept
only when at least :data:`MIN_HIDDEN` characters stay hidden; a shorter text keeps at most
a quarter of its characters at each end, so at least half of it is hidden. Empty text stays empty. The case's own form shows the full values.
"""

from __future__ import annotations

import re
from typing import Final

MASK: Final = "*"
#: The ends are shortened when fewer characters than this would stay hidden.
MIN_HIDDEN: Final = 4

#: A mainland mobile number (the same shape as ``core.validation``).
_MOBILE: Final = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
#: A landline: area code (0 + 2–3 digits), optional separator, local number, optional
#: extension after "-", "转", "#" or "ext".
_LANDLINE: Final = re.compile(
    r"(?P<area>0[1-9][0-9]{1,2}?)(?P<sep>[- ]?)(?P<local>[2-9][0-9]{6,7})"
    r"(?P<ext>(?:-|转|#|ext\.?)[0-9]{1,6})?",
    re.ASCII | re.IGNORECASE,
)


def mask_middle(text: str, head: int, tail: int) -> str:
    """``text`` with every character but the first ``head`` and last ``tail`` replaced by
    ``*``; if that would hide fewer than :data:`MIN_HIDDEN` characters, each end is cut to
    a quarter of the length (so at least half is hidden)."""
    n = len(text)
    if n - head - tail < MIN_HIDDEN:
        head, tail = min(head, n // 4), min(tail, n // 4)
    return text[:head] + MASK * (n - head - tail) + text[n - tail :]


def mask_id(text: str | None) -> str:
    """An ID number with all but its first 4 and last 4 characters hidden."""
    return mask_middle((text or "").strip(), 4, 4)


def _area_length(digits: str) -> int:
    """Area codes 010 and 02x have three digits, all others four."""
    return 3 if digits[1] in "12" else 4


def mask_phone(text: str | None) -> str:
    """A phone with its middle hidden: a mobile keeps the first 3 and last 4 digits, a
    landline its area code and the last 4 digits of the local number (an extension is
    hidden); anything else keeps at most 3 + 4 characters (see :func:`mask_middle`)."""
    phone = (text or "").strip()
    if _MOBILE.fullmatch(phone):
        return mask_middle(phone, 3, 4)
    landline = _LANDLINE.fullmatch(phone)
    if landline is not None:
        digits = re.sub(r"[^0-9]", "", phone)
        area = landline["area"]
        if not landline["sep"] and len(area) != _area_length(digits):
            # Without a separator the regex may split the digits wrongly: use the rule.
            split = _area_length(digits)
            head = phone[:split]
            rest = phone[split : len(phone) - len(landline["ext"] or "")]
        else:
            head, rest = area + landline["sep"], landline["local"]
        ext = landline["ext"] or ""
        masked_ext = re.sub(r"[0-9]", MASK, ext)
        return head + MASK * (len(rest) - 4) + rest[-4:] + masked_ext
    return mask_middle(phone, 3, 4)


#: An ID number (18 characters, the last may be X; or an old 15-digit one) or a mobile
#: number standing alone inside free text (not part of a longer run of digits).
_ID_IN_TEXT: Final = re.compile(
    r"(?<![0-9A-Za-z])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9A-Za-z])", re.ASCII
)
_MOBILE_IN_TEXT: Final = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])", re.ASCII)


def mask_text(text: str | None) -> str:
    """Free text (a summary, a note) with every ID number and mobile number in it masked
    as :func:`mask_id` and :func:`mask_phone` would; the rest is left as it is."""
    masked = _ID_IN_TEXT.sub(lambda m: mask_id(m.group()), text or "")
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group()), masked)
