"""core.roster: time spans, reception rules on the real 2025–2026 calendar, rotation."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.roster import (
    BusySpan,
    ExistingDay,
    PlannedSlot,
    RotationLeader,
    RuleError,
    RuleSpec,
    SlotTextError,
    TimeSpan,
    assign_rotation,
    check_spans,
    describe_rule,
    first_free_in_rotation,
    first_week,
    format_day,
    format_spans,
    parse_spans,
    plan_slots,
    rotation_after,
    rotation_start,
    rule_errors,
    spans_overlap,
)
from petitiondesk.core.workcalendar import DayOverride, WorkCalendar

CAL = WorkCalendar()
K = ReceptionRuleKind
P = DayOffPolicy


def rule(
    kind: ReceptionRuleKind,
    *,
    weekday: int | None = None,
    nth: int | None = None,
    policy: DayOffPolicy = DayOffPolicy.SKIP,
    slots: str = "08:30-12:00",
    place: str = "县信访接待中心",
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> RuleSpec:
    return RuleSpec.from_text(
        kind,
        slots,
        place,
        weekday=weekday,
        nth=nth,
        on_day_off=policy,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def days_of(spec: RuleSpec, start: date, end: date, calendar: WorkCalendar = CAL) -> list[date]:
    return sorted({s.day for s in plan_slots(spec, calendar, start, end).slots})


# --- time spans ------------------------------------------------------------------------


def test_spans_parse_sort_and_format_canonically() -> None:
    spans = parse_spans("14:30-18:00;08:30-12:00")
    assert spans == (TimeSpan(time(8, 30), time(12)), TimeSpan(time(14, 30), time(18)))
    assert format_spans(spans) == "08:30-12:00;14:30-18:00"
    assert [s.half_day for s in spans] == ["上午", "下午"]
    assert TimeSpan(time(19), time(21)).half_day == "晚上"


def test_spans_accept_what_a_clerk_types() -> None:
    full_width = parse_spans("８:３０－１２:００；１４：３０～１８：００")
    assert format_spans(full_width) == "08:30-12:00;14:30-18:00"
    assert format_spans(parse_spans("8:30至12:00、14:30到17:30")) == "08:30-12:00;14:30-17:30"
    assert format_spans(parse_spans(" 08:30 — 12:00 \n")) == "08:30-12:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请填写接待时段，如 08:30-12:00;14:30-18:00"),
        ("  ;  ", "请填写接待时段，如 08:30-12:00;14:30-18:00"),
        ("上午", "接待时段“上午”格式不正确，应写成 08:30-12:00，多个时段用分号隔开"),
        ("08:30", "接待时段“08:30”格式不正确，应写成 08:30-12:00，多个时段用分号隔开"),
        ("24:00-25:00", "接待时段“24:00-25:00”中的时间24:00不存在"),
        ("08:61-12:00", "接待时段“08:61-12:00”中的时间08:61不存在"),
        ("12:00-08:30", "接待时段“12:00-08:30”的结束时间应晚于开始时间"),
        ("09:00-09:00", "接待时段“09:00-09:00”的结束时间应晚于开始时间"),
        ("08:30-12:00;11:00-13:00", "接待时段“08:30-12:00”与“11:00-13:00”重叠"),
        (";".join(f"{h:02d}:00-{h:02d}:30" for h in range(7, 14)), "接待时段最多6段"),
    ],
)
def test_bad_span_text_gets_a_chinese_message(text: str, message: str) -> None:
    assert check_spans(text) == message
    with pytest.raises(SlotTextError, match=message.replace(".", r"\.")):
        parse_spans(text)


def test_touching_spans_do_not_overlap() -> None:
    assert check_spans("08:00-12:00;12:00-13:00") is None
    assert not spans_overlap(time(8), time(12), time(12), time(13))
    assert spans_overlap(time(8), time(12), time(11, 59), time(13))
    assert spans_overlap(time(9), time(10), time(8), time(12))


# --- rule validation -------------------------------------------------------------------


def test_rule_errors_name_each_field() -> None:
    assert rule_errors(K.WEEKDAY, None, None, "08:30-12:00", "信访室") == {
        "weekday": "请选择星期几（星期一至星期日）"
    }
    assert rule_errors(K.WEEKDAY, 7, None, "08:30-12:00", "信访室") == {
        "weekday": "请选择星期几（星期一至星期日）"
    }
    assert rule_errors(K.NTH_WEEKDAY, 2, 6, "08:30-12:00", "信访室") == {
        "nth": "第几个星期几应为1至5，或-1表示最后一个"
    }
    assert rule_errors(K.NTH_WEEKDAY, 2, 0, "x", " ") == {
        "nth": "第几个星期几应为1至5，或-1表示最后一个",
        "slots": "接待时段“x”格式不正确，应写成 08:30-12:00，多个时段用分号隔开",
        "place": "请填写接待地点",
    }
    assert rule_errors(K.NTH_WEEKDAY, 2, -1, "08:30-12:00", "信访室") == {}
    # EVERY_WORKDAY and FIRST_WEEK need no weekday
    assert rule_errors(K.EVERY_WORKDAY, None, None, "08:30-12:00", "信访室") == {}
    assert rule_errors(
        K.FIRST_WEEK, None, None, "08:30-12:00", "信访室", date(2026, 2, 1), date(2026, 1, 1)
    ) == {"valid_to": "启用日期不能晚于停用日期"}


def test_rule_spec_refuses_an_inconsistent_rule() -> None:
    with pytest.raises(RuleError, match="请选择星期几"):
        RuleSpec(K.WEEKDAY, parse_spans("08:30-12:00"), "信访室")
    with pytest.raises(RuleError, match="请填写接待时段"):
        RuleSpec(K.EVERY_WORKDAY, (), "信访室")
    spec = RuleSpec("nth_weekday", parse_spans("08:30-12:00"), "值班室", 2, 1, "next")  # type: ignore[arg-type]
    assert spec.kind is K.NTH_WEEKDAY and spec.on_day_off is P.NEXT


def test_describe_rule_reads_like_the_office_rule() -> None:
    assert describe_rule(rule(K.WEEKDAY, weekday=0)) == "每周星期一 08:30-12:00（法定节假日除外）"
    assert (
        describe_rule(rule(K.NTH_WEEKDAY, weekday=2, nth=1, policy=P.NEXT))
        == "每月第一个星期三 08:30-12:00（遇节假日顺延）"
    )
    assert (
        describe_rule(rule(K.FIRST_WEEK, slots="08:30-12:00;14:30-18:00", policy=P.PREVIOUS))
        == "每月第一周星期一至星期五 08:30-12:00、14:30-18:00（遇节假日提前）"
    )
    assert describe_rule(rule(K.EVERY_WORKDAY)) == "每个工作日轮流 08:30-12:00（法定节假日除外）"


# --- WEEKDAY: every Monday around National Day 2026 (Monday 10-05 is a holiday) ----------

NATIONAL_DAY_WEEKS = (date(2026, 9, 28), date(2026, 10, 12))


def test_monday_rule_skip_drops_the_holiday_monday() -> None:
    plan = plan_slots(rule(K.WEEKDAY, weekday=0), CAL, *NATIONAL_DAY_WEEKS)
    assert [s.day for s in plan.slots] == [date(2026, 9, 28), date(2026, 10, 12)]
    assert len(plan.skipped) == 1
    skipped = plan.skipped[0]
    assert skipped.day == date(2026, 10, 5) and skipped.kind == "day_off"
    assert skipped.reason == "2026年10月5日（星期一）是国庆节假期，按规则不安排接待"


def test_monday_rule_next_moves_to_thursday_after_the_break() -> None:
    plan = plan_slots(rule(K.WEEKDAY, weekday=0, policy=P.NEXT), CAL, *NATIONAL_DAY_WEEKS)
    assert [(s.day, s.moved_from) for s in plan.slots] == [
        (date(2026, 9, 28), None),
        (date(2026, 10, 8), date(2026, 10, 5)),
        (date(2026, 10, 12), None),
    ]
    assert date(2026, 10, 8).weekday() == 3  # Thursday
    assert plan.skipped == () and plan.moved == 1


def test_monday_rule_previous_moves_to_the_last_day_before_the_break() -> None:
    plan = plan_slots(rule(K.WEEKDAY, weekday=0, policy=P.PREVIOUS), CAL, *NATIONAL_DAY_WEEKS)
    assert [(s.day, s.moved_from) for s in plan.slots] == [
        (date(2026, 9, 28), None),
        (date(2026, 9, 30), date(2026, 10, 5)),
        (date(2026, 10, 12), None),
    ]


def test_two_moved_mondays_landing_on_one_day_keep_the_nearer_one() -> None:
    # Spring Festival 2026: Mondays 02-16 and 02-23 are both days off; both move to 02-24.
    plan = plan_slots(
        rule(K.WEEKDAY, weekday=0, policy=P.NEXT), CAL, date(2026, 2, 1), date(2026, 2, 28)
    )
    assert [(s.day, s.moved_from) for s in plan.slots] == [
        (date(2026, 2, 2), None),
        (date(2026, 2, 9), None),
        (date(2026, 2, 24), date(2026, 2, 23)),
    ]
    (lost,) = plan.skipped
    assert lost.day == date(2026, 2, 16) and lost.kind == "collision"
    assert lost.target == date(2026, 2, 24)
    assert "春节假期" in lost.reason and "顺延至2月24日" in lost.reason
    assert "不再重复安排" in lost.reason


def test_previous_may_land_on_a_make_up_saturday_which_is_a_working_day() -> None:
    plan = plan_slots(
        rule(K.WEEKDAY, weekday=0, policy=P.PREVIOUS), CAL, date(2026, 2, 10), date(2026, 2, 28)
    )
    moved = [s for s in plan.slots if s.moved_from is not None]
    assert [(s.day, s.moved_from) for s in moved] == [(date(2026, 2, 14), date(2026, 2, 16))]
    assert CAL.day(date(2026, 2, 14)).is_makeup_workday
    assert [s.day for s in plan.skipped] == [date(2026, 2, 23)]


def test_a_slot_belongs_to_the_period_of_its_final_date() -> None:
    spec = rule(K.WEEKDAY, weekday=0, policy=P.NEXT)
    september = plan_slots(spec, CAL, date(2026, 9, 1), date(2026, 10, 6))
    october = plan_slots(spec, CAL, date(2026, 10, 7), date(2026, 10, 31))
    assert date(2026, 10, 8) not in [s.day for s in september.slots]
    assert october.slots[0].day == date(2026, 10, 8)
    whole = plan_slots(spec, CAL, date(2026, 9, 1), date(2026, 10, 31))
    assert whole.slots == september.slots + october.slots


def test_weekday_rule_does_not_gain_the_make_up_saturday_but_a_saturday_rule_does() -> None:
    october = (date(2026, 10, 1), date(2026, 10, 31))
    assert date(2026, 10, 10) not in days_of(rule(K.WEEKDAY, weekday=4), *october)
    assert days_of(rule(K.WEEKDAY, weekday=5), *october) == [date(2026, 10, 10)]


# --- NTH_WEEKDAY: first Wednesday (seed 001) ---------------------------------------------


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (P.SKIP, [date(2026, 11, 4)]),
        (P.NEXT, [date(2026, 10, 8), date(2026, 11, 4)]),
        (P.PREVIOUS, [date(2026, 9, 30), date(2026, 11, 4)]),
    ],
)
def test_first_wednesday_of_october_2026_is_a_holiday(
    policy: DayOffPolicy, expected: list[date]
) -> None:
    spec = rule(K.NTH_WEEKDAY, weekday=2, nth=1, policy=policy)
    assert days_of(spec, date(2026, 9, 15), date(2026, 11, 30)) == expected


def test_nth_weekday_last_and_missing_fifth() -> None:
    year_2026 = (date(2026, 1, 1), date(2026, 12, 31))
    last_friday = days_of(rule(K.NTH_WEEKDAY, weekday=4, nth=-1), *year_2026)
    assert date(2026, 10, 30) in last_friday and date(2026, 7, 31) in last_friday
    assert all((d + timedelta(days=7)).month != d.month for d in last_friday)
    # 2026 months with five Thursdays: Jan, Apr, Jul, Oct, Dec
    fifth_thursday = days_of(rule(K.NTH_WEEKDAY, weekday=3, nth=5), *year_2026)
    assert [d.month for d in fifth_thursday] == [1, 4, 7, 10, 12]


# --- EVERY_WORKDAY -----------------------------------------------------------------------


def test_every_workday_counts_make_up_days_and_skips_holidays() -> None:
    days = days_of(rule(K.EVERY_WORKDAY), date(2026, 9, 14), date(2026, 10, 16))
    assert date(2026, 10, 10) in days  # make-up Saturday 调休补班
    assert date(2026, 9, 20) in days  # make-up Sunday
    assert date(2026, 9, 25) not in days  # Mid-autumn Friday
    assert not any(date(2026, 10, 1) <= d <= date(2026, 10, 7) for d in days)
    assert all(CAL.is_workday(d) for d in days)
    assert len(days) == CAL.workdays_between(date(2026, 9, 13), date(2026, 10, 16)).count


# --- FIRST_WEEK --------------------------------------------------------------------------


def test_first_week_is_monday_to_friday_from_the_first_monday() -> None:
    assert first_week(2026, 10) == tuple(date(2026, 10, d) for d in range(5, 10))
    assert first_week(2026, 2) == tuple(date(2026, 2, d) for d in range(2, 7))
    assert first_week(2026, 6) == tuple(date(2026, 6, d) for d in range(1, 6))
    for month in range(1, 13):
        week = first_week(2025, month)
        assert week[0].weekday() == 0 and 1 <= week[0].day <= 7 and week[-1].day <= 11


def test_first_week_of_october_2026_loses_the_holidays_not_gaining_the_saturday() -> None:
    spec = rule(K.FIRST_WEEK, slots="08:30-12:00;14:30-18:00")
    plan = plan_slots(spec, CAL, date(2026, 10, 1), date(2026, 10, 31))
    assert sorted({s.day for s in plan.slots}) == [date(2026, 10, 8), date(2026, 10, 9)]
    assert len(plan.slots) == 4  # two days × (上午, 下午)
    assert [s.day for s in plan.skipped] == [date(2026, 10, d) for d in (5, 6, 7)]
    # NEXT: every holiday moves onto 10-08, which the rule already uses
    moved = plan_slots(
        rule(K.FIRST_WEEK, policy=P.NEXT), CAL, date(2026, 10, 1), date(2026, 10, 31)
    )
    assert sorted({s.day for s in moved.slots}) == [date(2026, 10, 8), date(2026, 10, 9)]
    assert {s.kind for s in moved.skipped} == {"collision"}
    assert "本规则原定的接待日" in moved.skipped[0].reason


def test_first_week_of_february_2026_is_before_the_spring_festival() -> None:
    # Spring Festival 02-15..02-23, make-up Saturdays 02-14 and 02-28: none in week one.
    days = days_of(rule(K.FIRST_WEEK), date(2026, 2, 1), date(2026, 2, 28))
    assert days == [date(2026, 2, d) for d in range(2, 7)]
    # January 2026: the make-up Sunday 01-04 is not a first-week day either
    january = days_of(rule(K.FIRST_WEEK), date(2026, 1, 1), date(2026, 1, 31))
    assert january == [date(2026, 1, d) for d in range(5, 10)]


# --- coverage, validity ------------------------------------------------------------------


def test_a_period_into_2027_is_generated_but_flagged_uncovered() -> None:
    plan = plan_slots(rule(K.WEEKDAY, weekday=0), CAL, date(2026, 12, 21), date(2027, 1, 18))
    flags = {s.day: s.calendar_uncovered for s in plan.slots}
    assert flags == {
        date(2026, 12, 21): False,
        date(2026, 12, 28): False,
        date(2027, 1, 4): True,
        date(2027, 1, 11): True,
        date(2027, 1, 18): True,
    }
    # once the office enters 2027, the same dates are covered
    entered = WorkCalendar(office_years=[2027])
    assert not any(
        s.calendar_uncovered
        for s in plan_slots(
            rule(K.WEEKDAY, weekday=0), entered, date(2027, 1, 1), date(2027, 1, 31)
        ).slots
    )


def test_a_move_searched_across_an_uncovered_day_is_flagged() -> None:
    # The office marks 2026-12-31 a day off; 顺延 searches into 2027 (a guess).
    calendar = WorkCalendar([DayOverride(date(2026, 12, 31), False, "元旦")])
    plan = plan_slots(
        rule(K.WEEKDAY, weekday=3, policy=P.NEXT), calendar, date(2026, 12, 31), date(2027, 1, 2)
    )
    (slot,) = plan.slots
    assert slot.day == date(2027, 1, 1) and slot.moved_from == date(2026, 12, 31)
    assert slot.calendar_uncovered


def test_validity_bounds_limit_the_nominal_dates() -> None:
    spec = rule(K.WEEKDAY, weekday=1, valid_from=date(2026, 3, 10), valid_to=date(2026, 3, 24))
    assert days_of(spec, date(2026, 3, 1), date(2026, 3, 31)) == [
        date(2026, 3, 10),
        date(2026, 3, 17),
        date(2026, 3, 24),
    ]


def test_empty_period_plans_nothing() -> None:
    assert plan_slots(rule(K.EVERY_WORKDAY), CAL, date(2026, 3, 2), date(2026, 3, 1)).slots == ()
    assert format_day(date(2026, 10, 8)) == "2026年10月8日（星期四）"


# --- rotation ----------------------------------------------------------------------------

LEADERS = [RotationLeader(1, 1), RotationLeader(2, 2), RotationLeader(3, 3)]


def slot(day: date, start: str = "08:30", end: str = "12:00", place: str = "中心") -> PlannedSlot:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return PlannedSlot(day, time(h1, m1), time(h2, m2), place)


MONDAYS = [date(2026, 3, 2) + timedelta(weeks=n) for n in range(5)]


def test_rotation_takes_leaders_in_order_one_per_day() -> None:
    slots = [s for d in MONDAYS for s in (slot(d), slot(d, "14:30", "18:00"))]
    result = assign_rotation(slots, LEADERS, 1)
    by_day = {a.slot.day: a.leader_id for a in result.assignments}
    assert [by_day[d] for d in MONDAYS] == [2, 3, 1, 2, 3]
    assert len(result.assignments) == 10
    for a in result.assignments:  # both spans of a day go to the same leader
        assert a.leader_id == by_day[a.slot.day]
    assert result.next_index == 0 and result.unassigned == ()  # after leader 3 comes 1


def test_a_busy_leader_is_passed_over_and_the_next_fills_in() -> None:
    busy = [BusySpan(1, MONDAYS[0], time(9), time(10))]
    result = assign_rotation([slot(MONDAYS[0]), slot(MONDAYS[1])], LEADERS, 0, busy=busy)
    first, second = result.assignments
    assert (first.leader_id, first.passed_over) == (2, (1,))
    assert (second.leader_id, second.passed_over) == (3, ())
    # an afternoon engagement does not block a morning slot
    free = assign_rotation(
        [slot(MONDAYS[0])], LEADERS, 0, busy=[BusySpan(1, MONDAYS[0], time(14), time(15))]
    )
    assert free.assignments[0].leader_id == 1


def test_no_free_leader_leaves_the_slot_unassigned() -> None:
    busy = [BusySpan(i, MONDAYS[0], time(8), time(18)) for i in (1, 2, 3)]
    result = assign_rotation([slot(MONDAYS[0])], LEADERS, 0, busy=busy)
    assert result.assignments == () and result.unassigned == (slot(MONDAYS[0]),)
    assert assign_rotation([slot(MONDAYS[0])], [], 0).unassigned == (slot(MONDAYS[0]),)


def test_existing_days_keep_their_leader_and_move_the_rota_on() -> None:
    existing = {
        MONDAYS[1]: ExistingDay((3, 3), leader_id=2, spans=frozenset({(time(8, 30), "中心")}))
    }
    slots = [slot(d) for d in MONDAYS[:3]] + [slot(MONDAYS[1], "14:30", "18:00")]
    result = assign_rotation(slots, LEADERS, 0, existing=existing)
    assert result.existing == (slot(MONDAYS[1]),)
    by_day = {(a.slot.day, a.slot.start): a.leader_id for a in result.assignments}
    assert by_day == {
        (MONDAYS[0], time(8, 30)): 1,
        # the missing afternoon goes to who is there now (substitute 2), not rotated
        (MONDAYS[1], time(14, 30)): 2,
        # the rota continues after the *original* leader 3 of MONDAYS[1]
        (MONDAYS[2], time(8, 30)): 1,
    }


def test_rotation_start_continues_after_a_leader_who_left() -> None:
    active = [RotationLeader(1, 1), RotationLeader(3, 3)]
    assert rotation_start(active, None) == 0
    assert rotation_start(active, (1, 1)) == 1
    assert rotation_start(active, (2, 2)) == 1  # leader 2 deactivated: 3 comes next
    assert rotation_start(active, (3, 3)) == 0  # wraps
    assert [ld.id for ld in rotation_after(LEADERS, (2, 2))] == [3, 1]
    assert [ld.id for ld in rotation_after(active, (2, 2))] == [3, 1]
    chosen = first_free_in_rotation(LEADERS, (1, 1), lambda i: i != 2)
    assert chosen is not None and chosen.id == 3
    assert first_free_in_rotation(LEADERS, (1, 1), lambda i: False) is None
