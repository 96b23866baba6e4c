"""The roster vocabularies: stable stored values, Chinese labels, plain-string equality."""

from __future__ import annotations

import pytest

from petitiondesk.core.enums import (
    AppointmentKind,
    AppointmentStatus,
    LabeledEnum,
    PlanSkipKind,
    RosterChangeKind,
)

LABELS: dict[type[LabeledEnum], dict[str, str]] = {
    AppointmentStatus: {
        "booked": "待接待",
        "seen": "已接待",
        "no_show": "未到",
        "cancelled": "已取消",
    },
    AppointmentKind: {"appointment": "预约", "walk_in": "现场"},
    RosterChangeKind: {"substitute": "替班", "swap": "调换", "fill_next": "依次递补"},
    PlanSkipKind: {
        "day_off": "遇节假日取消",
        "collision": "顺延或提前后与已有接待日重复",
        "too_far": "无法顺延或提前",
    },
}


@pytest.mark.parametrize("enum", list(LABELS), ids=lambda e: e.__name__)
def test_every_member_has_its_chinese_label(enum: type[LabeledEnum]) -> None:
    assert {m.value: m.label for m in enum} == LABELS[enum]


@pytest.mark.parametrize("enum", list(LABELS), ids=lambda e: e.__name__)
def test_label_round_trips(enum: type[LabeledEnum]) -> None:
    for member in enum:
        assert enum.from_label(member.label) is member
    with pytest.raises(ValueError, match="unknown"):
        enum.from_label("不存在")


def test_members_equal_the_strings_stored_before_they_were_enums() -> None:
    assert AppointmentStatus.BOOKED == "booked"
    assert AppointmentStatus("no_show") is AppointmentStatus.NO_SHOW
    assert AppointmentKind.WALK_IN == "walk_in"
    assert f"roster_{RosterChangeKind.FILL_NEXT}" == "roster_fill_next"
    assert {PlanSkipKind.COLLISION} == {"collision"}
