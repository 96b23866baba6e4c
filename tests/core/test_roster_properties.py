"""Property tests of core.roster over real 2025–2026 dates (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.roster import (
    BusySpan,
    ExistingDay,
    RotationLeader,
    RuleSpec,
    assign_rotation,
    is_nominal,
    plan_slots,
    spans_overlap,
)
from petitiondesk.core.workcalendar import WorkCalendar

CAL = WorkCalendar()
FIRST, LAST = date(2025, 1, 1), date(2026, 12, 31)
SPAN_TEXTS = (
    "08:30-12:00",
    "08:30-12:00;14:30-18:00",
    "09:00-11:30",
    "14:30-17:00",
    "08:00-10:00;10:00-12:00",
)


@st.composite
def rules(draw: st.DrawFn, place: str = "县信访接待中心") -> RuleSpec:
    kind = draw(st.sampled_from(list(ReceptionRuleKind)))
    weekday = draw(st.integers(0, 6))
    nth = draw(st.sampled_from([1, 2, 3, 4, 5, -1]))
    return RuleSpec.from_text(
        kind,
        draw(st.sampled_from(SPAN_TEXTS)),
        place,
        weekday=weekday,
        nth=nth,
        on_day_off=draw(st.sampled_from(list(DayOffPolicy))),
    )


@st.composite
def periods(draw: st.DrawFn, longest: int = 120) -> tuple[date, date]:
    start = draw(st.dates(FIRST, LAST))
    end = min(LAST, start + timedelta(days=draw(st.integers(0, longest))))
    return start, end


@given(rules(), periods())
def test_no_slot_on_a_day_off_and_none_uncovered_in_2025_2026(
    spec: RuleSpec, period: tuple[date, date]
) -> None:
    plan = plan_slots(spec, CAL, *period)
    for s in plan.slots:
        assert period[0] <= s.day <= period[1]
        assert CAL.is_workday(s.day), s
        assert not s.calendar_uncovered


@given(rules(), periods())
def test_every_slot_is_on_a_named_weekday_or_moved_off_one(
    spec: RuleSpec, period: tuple[date, date]
) -> None:
    plan = plan_slots(spec, CAL, *period)
    for s in plan.slots:
        if s.moved_from is None:
            assert is_nominal(spec, s.day, CAL)
            assert spec.names_weekday(s.day.weekday())
            if s.day.weekday() >= 5:
                # an ordinary weekend is a day off: only a make-up working day (调休补班),
                # and only for EVERY_WORKDAY or a rule that itself names that weekday
                assert CAL.day(s.day).is_makeup_workday
                assert spec.kind is ReceptionRuleKind.EVERY_WORKDAY or (
                    spec.kind is not ReceptionRuleKind.FIRST_WEEK
                    and spec.weekday == s.day.weekday()
                )
        else:
            assert spec.on_day_off is not DayOffPolicy.SKIP
            assert is_nominal(spec, s.moved_from, CAL)
            assert not CAL.is_workday(s.moved_from)
            if spec.on_day_off is DayOffPolicy.NEXT:
                assert CAL.next_workday(s.moved_from).day == s.day
            else:
                assert CAL.previous_workday(s.moved_from).day == s.day
    for skipped in plan.skipped:
        assert not CAL.is_workday(skipped.day)
        assert period[0] <= skipped.day <= period[1]


@given(rules(), periods(), st.integers(0, 120))
def test_planning_consecutive_periods_equals_planning_their_union(
    spec: RuleSpec, period: tuple[date, date], cut: int
) -> None:
    start, end = period
    middle = min(end, start + timedelta(days=cut))
    whole = plan_slots(spec, CAL, start, end)
    first = plan_slots(spec, CAL, start, middle)
    second = plan_slots(spec, CAL, middle + timedelta(days=1), end)
    assert whole.slots == first.slots + second.slots
    assert whole.skipped == first.skipped + second.skipped
    keys = [s.key for s in whole.slots]
    assert len(keys) == len(set(keys))


@given(
    st.lists(rules(), min_size=1, max_size=3),
    periods(longest=90),
    st.integers(1, 4),
    st.integers(0, 3),
)
@settings(max_examples=60)
def test_no_leader_is_ever_on_two_overlapping_slots_and_twice_is_once(
    specs: list[RuleSpec], period: tuple[date, date], leader_count: int, start_index: int
) -> None:
    leaders = [RotationLeader(i, i * 10) for i in range(1, leader_count + 1)]
    busy: list[BusySpan] = []
    first_pass = []
    for spec in specs:
        plan = plan_slots(spec, CAL, *period)
        result = assign_rotation(plan.slots, leaders, start_index, busy=busy)
        assert len(result.assignments) + len(result.unassigned) == len(plan.slots)
        busy += [
            BusySpan(a.leader_id, a.slot.day, a.slot.start, a.slot.end) for a in result.assignments
        ]
        first_pass.append((plan, result))

    by_leader_day: dict[tuple[int, date], list[BusySpan]] = {}
    for b in busy:
        by_leader_day.setdefault((b.leader_id, b.day), []).append(b)
    for day_spans in by_leader_day.values():
        for i, one in enumerate(day_spans):
            for other in day_spans[i + 1 :]:
                assert not spans_overlap(one.start, one.end, other.start, other.end)

    # a second pass that knows what the first one made adds nothing and keeps every leader
    for plan, result in first_pass:
        existing: dict[date, ExistingDay] = {}
        for a in result.assignments:
            known = existing.get(a.slot.day)
            spans = (known.spans if known else frozenset()) | {(a.slot.start, a.slot.place)}
            existing[a.slot.day] = ExistingDay((a.leader_id * 10, a.leader_id), a.leader_id, spans)
        again = assign_rotation(plan.slots, leaders, start_index, existing=existing, busy=busy)
        assigned_days = {a.slot.day for a in result.assignments}
        assert all(a.slot.day not in assigned_days for a in again.assignments)
        assert len(again.existing) == len(result.assignments)


@given(st.sampled_from(list(ReceptionRuleKind)), periods(longest=200), st.integers(1, 5))
def test_without_conflicts_the_rota_is_strictly_cyclic(
    kind: ReceptionRuleKind, period: tuple[date, date], leader_count: int
) -> None:
    spec = RuleSpec.from_text(kind, "08:30-12:00", "中心", weekday=1, nth=1)
    leaders = [RotationLeader(i, 1) for i in range(1, leader_count + 1)]
    plan = plan_slots(spec, CAL, *period)
    result = assign_rotation(plan.slots, leaders, 0)
    sequence = [a.leader_id for a in result.assignments]
    assert sequence == [(n % leader_count) + 1 for n in range(len(sequence))]
