"""Resident ID number checks (居民身份证号码, GB 11643-1999).

18 characters: 6-digit area code (first two: province), 8-digit birth date, 3-digit
sequence (odd for men, even for women), 1 check digit (0–9 or X, ISO 7064 MOD 11-2).
Only 18-character numbers are accepted; 15-digit numbers from before 1999 must be
converted by the clerk.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from petitiondesk.core.enums import Sex

#: Valid first two digits (province-level area codes; 71 Taiwan, 81/82 Hong Kong/Macao,
#: 83 residence permits for Taiwan residents, 91 overseas).
PROVINCE_CODES: Final[frozenset[str]] = frozenset(
    f"{code:02d}"
    for low, high in (
        (11, 15),
        (21, 23),
        (31, 37),
        (41, 46),
        (50, 54),
        (61, 65),
        (71, 71),
        (81, 83),
        (91, 91),
    )
    for code in range(low, high + 1)
)

#: Birth years before this are refused as invalid dates (nobody alive was born then).
EARLIEST_BIRTH_YEAR: Final = 1900

_DIGITS: Final = frozenset("0123456789")

MSG_EMPTY: Final = "请填写身份证号"
MSG_OLD_15: Final = "请填写18位身份证号（15位旧号码请换算为18位）"
MSG_CHARS: Final = "身份证号只能包含数字，最后一位可为X"
MSG_AREA: Final = "身份证号的地区码无效"
MSG_BIRTH_INVALID: Final = "身份证号中的出生日期无效"
MSG_BIRTH_FUTURE: Final = "身份证号中的出生日期晚于今天"


def msg_length(length: int) -> str:
    return f"身份证号应为18位，现为{length}位"


def msg_check_digit(expected: str) -> str:
    return f"身份证号校验位错误：最后一位应为「{expected}」"


@dataclass(frozen=True)
class IdCheck:
    """Result of ``check_id_number``. ``message`` is empty when ``ok``; ``birth_date`` and
    ``sex`` are set only when ``ok``. ``normalized`` is the trimmed, upper-cased text."""

    ok: bool
    normalized: str
    message: str
    birth_date: date | None
    sex: Sex | None


def normalize_id_number(text: str) -> str:
    """Trim, fold full-width characters (IME full-width mode) to ASCII, upper-case x."""
    return unicodedata.normalize("NFKC", text).strip().upper()


def id_check_digit(first17: str) -> str:
    """The check digit ("0"–"9" or "X") for the first 17 digits of an ID number."""
    if len(first17) != 17 or not set(first17) <= _DIGITS:
        raise ValueError("身份证号前17位应为数字")
    # stdnum expects the whole number and ignores its last character.
    return ric.calc_check_digit(first17 + "0")


def check_id_number(text: str, today: date | None = None) -> IdCheck:
    """Check a resident ID number as typed by the clerk; ``today`` defaults to today."""
    number = normalize_id_number(text)

    def refuse(message: str) -> IdCheck:
        return IdCheck(False, number, message, None, None)

    if not number:
        return refuse(MSG_EMPTY)
    if not set(number[:-1]) <= _DIGITS or not (number[-1] in _DIGITS or number[-1] == "X"):
        return refuse(MSG_CHARS)
    if len(number) == 15:
        return refuse(MSG_OLD_15)
    if len(number) != 18:
        return refuse(msg_length(len(number)))
    if number[:2] not in PROVINCE_CODES:
        return refuse(MSG_AREA)
    try:
        birth = ric.get_birth_date(number)
    except ValidationError:  # stdnum's InvalidComponent: no such date
        return refuse(MSG_BIRTH_INVALID)
    if birth.year < EARLIEST_BIRTH_YEAR:
        return refuse(MSG_BIRTH_INVALID)
    if birth > (today if today is not None else date.today()):
        return refuse(MSG_BIRTH_FUTURE)
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        return refuse(msg_check_digit(expected))
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdCheck(True, number, "", birth, sex)
