from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.enums import Sex
from petitiondesk.core.idcard import (
    PROVINCE_CODES,
    IdCheck,
    check_id_number,
    id_check_digit,
)

TODAY = date(2026, 6, 1)
SAMPLE = "11010519491231002X"  # the GB 11643 textbook sample


def with_check_digit(first17: str) -> str:
    return first17 + id_check_digit(first17)


def test_well_known_sample_is_valid() -> None:
    assert id_check_digit(SAMPLE[:17]) == "X"
    assert check_id_number(SAMPLE, TODAY) == IdCheck(
        True, SAMPLE, "", date(1949, 12, 31), Sex.FEMALE
    )


def test_male_number() -> None:
    number = with_check_digit("33010619800101001")  # sequence 001: odd
    result = check_id_number(number, TODAY)
    assert result.ok and result.sex is Sex.MALE and result.birth_date == date(1980, 1, 1)


def test_whitespace_lowercase_and_full_width_are_normalized() -> None:
    assert check_id_number("  11010519491231002x \t", TODAY).normalized == SAMPLE
    assert check_id_number("  11010519491231002x \t", TODAY).ok
    full_width = "１１０１０５１９４９１２３１００２Ｘ"
    assert check_id_number(full_width, TODAY).normalized == SAMPLE
    assert check_id_number(full_width, TODAY).ok


def test_default_today_is_real_today() -> None:
    assert check_id_number(SAMPLE).ok


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请填写身份证号"),
        ("   ", "请填写身份证号"),
        ("110105194912310", "请填写18位身份证号（15位旧号码请换算为18位）"),
        ("1101051949123100", "身份证号应为18位，现为16位"),
        ("1101051949123100211", "身份证号应为18位，现为19位"),
        ("1101051949-231002X", "身份证号只能包含数字，最后一位可为X"),
        ("11010519491231X02X", "身份证号只能包含数字，最后一位可为X"),
        ("11010519491231002Y", "身份证号只能包含数字，最后一位可为X"),
        ("11010519491231002", "身份证号应为18位，现为17位"),
    ],
)
def test_refusals(text: str, message: str) -> None:
    result = check_id_number(text, TODAY)
    assert result == IdCheck(False, text.strip().upper(), message, None, None)


@pytest.mark.parametrize(
    "area", ["00", "10", "16", "20", "24", "38", "47", "55", "66", "72", "84", "99"]
)
def test_bad_area_code(area: str) -> None:
    number = with_check_digit(area + "010519800101001")
    assert check_id_number(number, TODAY).message == "身份证号的地区码无效"


@pytest.mark.parametrize(
    "area", ["11", "15", "21", "37", "46", "54", "65", "71", "81", "82", "83", "91"]
)
def test_good_area_code(area: str) -> None:
    assert check_id_number(with_check_digit(area + "010519800101001"), TODAY).ok


@pytest.mark.parametrize("birth", ["19800230", "19801301", "19800000", "18991231"])
def test_invalid_birth_date(birth: str) -> None:
    number = with_check_digit("110105" + birth + "001")
    assert check_id_number(number, TODAY).message == "身份证号中的出生日期无效"


def test_birth_date_after_today() -> None:
    number = with_check_digit("110105" + "20260602" + "001")
    assert check_id_number(number, TODAY).message == "身份证号中的出生日期晚于今天"
    assert check_id_number(number, date(2026, 6, 2)).ok


def test_wrong_check_digit_names_the_right_one() -> None:
    result = check_id_number("110105194912310021", TODAY)
    assert not result.ok
    assert result.message == "身份证号校验位错误：最后一位应为「X」"


def test_check_digit_helper_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        id_check_digit("1101051949123100")
    with pytest.raises(ValueError):
        id_check_digit("1101051949123100X")


valid_bodies = st.builds(
    lambda area, county, born, seq: f"{area}{county:04d}{born:%Y%m%d}{seq:03d}",
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(0, 9999),
    st.dates(date(1900, 1, 1), TODAY),
    st.integers(0, 999),
)


@given(valid_bodies)
def test_right_check_digit_passes_any_other_fails(body: str) -> None:
    right = id_check_digit(body)
    result = check_id_number(body + right, TODAY)
    assert result.ok
    assert result.birth_date == date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    assert result.sex is (Sex.MALE if int(body[16]) % 2 else Sex.FEMALE)
    for wrong in "0123456789X":
        if wrong != right:
            refused = check_id_number(body + wrong, TODAY)
            assert not refused.ok
            assert refused.message == f"身份证号校验位错误：最后一位应为「{right}」"
            assert refused.birth_date is None and refused.sex is None
