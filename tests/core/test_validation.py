from __future__ import annotations

from datetime import date, datetime

import pytest

from petitiondesk.core.validation import (
    check_not_future,
    check_people_count,
    check_phone,
    check_required,
)

PHONE_MESSAGE = "电话号码格式不正确：手机号为11位，固定电话需带区号，如 0571-88889999"


@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",
        "19912345678",
        " 15912345678 ",
        "１３８００１３８０００",  # full-width
        "0571-88889999",
        "057188889999",
        "0571 88889999",
        "010-62345678",
        "01062345678",
        "0755-2345678",
        "0571-88889999-123",
        "0571-88889999转8001",
        "0571-88889999ext12",
    ],
)
def test_phone_accepted(phone: str) -> None:
    assert check_phone(phone) is None


@pytest.mark.parametrize("phone", ["", "   ", None])
def test_empty_phone_is_left_to_the_caller(phone: str | None) -> None:
    assert check_phone(phone) is None


@pytest.mark.parametrize(
    "phone",
    [
        "12800138000",  # no mobile prefix 12
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "88889999",  # landline without area code
        "0571-08889999",  # local number cannot start with 0
        "571-88889999",  # area code must start with 0
        "0571-888899",  # local number too short
        "0571-88889999-1234567",  # extension too long
        "abc",
        "138-0013-8000",
    ],
)
def test_phone_refused(phone: str) -> None:
    assert check_phone(phone) == PHONE_MESSAGE


def test_required() -> None:
    assert check_required("张三", "姓名") is None
    assert check_required("", "姓名") == "请填写姓名"
    assert check_required("  \u3000", "反映问题") == "请填写反映问题"  # ideographic space
    assert check_required(None, "来访人数") == "请填写来访人数"


@pytest.mark.parametrize(
    ("n", "message"),
    [
        (1, None),
        (5, None),
        (10000, None),
        (0, "人数至少为1人"),
        (-3, "人数至少为1人"),
        (10001, "人数不能超过10000人"),
    ],
)
def test_people_count(n: int, message: str | None) -> None:
    assert check_people_count(n) == message


def test_not_future_with_times() -> None:
    now = datetime(2026, 6, 1, 9, 30)
    assert check_not_future(datetime(2026, 6, 1, 9, 30), now) is None
    assert check_not_future(datetime(2026, 6, 1, 9, 0), now) is None
    assert check_not_future(datetime(2026, 6, 1, 9, 31), now) == "日期不能晚于当前时间"


def test_not_future_with_dates_and_mixed() -> None:
    now = datetime(2026, 6, 1, 9, 30)
    assert check_not_future(date(2026, 6, 1), now) is None  # today, any time
    assert check_not_future(date(2026, 6, 2), now) == "日期不能晚于当前时间"
    assert check_not_future(date(2026, 6, 2), date(2026, 6, 1)) == "日期不能晚于当前时间"
    assert check_not_future(datetime(2026, 6, 1, 23, 0), date(2026, 6, 1)) is None
