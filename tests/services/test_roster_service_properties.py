"""Property tests of generate_roster on real SQLite files over real 2025–2026 dates."""

from __future__ import annotations

import tempfile
from datetime import date, time, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.roster import spans_overlap
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.roster import generate_roster, list_roster, rule_spec
from petitiondesk.store.db import Database
from petitiondesk.store.models import Leader, ReceptionRule, RosterEntry
from tests.helpers import actor

K = ReceptionRuleKind
P = DayOffPolicy
CAL = WorkCalendar()
FIRST, LAST = date(2025, 1, 1), date(2026, 12, 31)

# Four rules whose times overlap, at three places, with every day-off policy.
RULES = (
    dict(name="每日轮流", kind=K.EVERY_WORKDAY, slots="08:30-12:00;14:30-18:00", place="中心"),
    dict(name="每周二", kind=K.WEEKDAY, weekday=1, slots="09:00-11:00", place="局信访室",
         on_day_off=P.NEXT),
    dict(name="每月最后一个星期五", kind=K.NTH_WEEKDAY, weekday=4, nth=-1, slots="14:00-16:00",
         place="局信访室", on_day_off=P.PREVIOUS),
    dict(name="每月第一周", kind=K.FIRST_WEEK, slots="08:30-12:00", place="乡镇接访点",
         on_day_off=P.PREVIOUS),
)  # fmt: skip


def office(path: Path, leaders: int = 3) -> Database:
    db = Database.open(path, create=True)
    ensure_defaults(db)
    with db.write() as session:
        for n in range(leaders):
            session.add(Leader(name=f"领导{n + 1}", rotation_order=n + 1))
        for values in RULES:
            session.add(ReceptionRule(**values))
    return db


def snapshot(db: Database) -> list[tuple[date, str, str, str]]:
    return [(r.day, r.time_text, r.place, r.leader_name) for r in list_roster(db, FIRST, LAST)]


periods = st.tuples(st.dates(FIRST, LAST), st.integers(0, 60)).map(
    lambda p: (p[0], min(LAST, p[0] + timedelta(days=p[1])))
)


def test_generation_is_idempotent_safe_and_on_the_rules_days(tmp_path: Path) -> None:
    db = office(tmp_path / "office.sqlite")

    @given(periods)
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(period: tuple[date, date]) -> None:
        first = generate_roster(db, *period, actor=actor("测试"))
        assert first.ok, first.errors
        before = snapshot(db)
        again = generate_roster(db, *period, actor=actor("测试")).unwrap()
        assert again.added == 0 and again.removed_stale == 0
        assert again.skipped_existing >= first.unwrap().added
        assert snapshot(db) == before

        with db.read() as session:
            entries = [
                (e.rule_id, e.leader_id, e.day, e.start_time, e.end_time, e.note,
                 e.calendar_uncovered)
                for e in session.scalars(select(RosterEntry))
            ]  # fmt: skip
            rules = {r.id: rule_spec(r) for r in session.scalars(select(ReceptionRule))}
        by_leader_day: dict[tuple[int, date], list[tuple[time, time]]] = {}
        for rule_id, leader_id, day, start, end, note, uncovered in entries:
            assert CAL.is_workday(day), day
            assert not uncovered
            assert rule_id is not None
            spec = rules[rule_id]
            if not note:  # not moved: a weekday the rule names (make-up days: every-workday)
                assert spec.names_weekday(day.weekday())
                if day.weekday() >= 5:
                    assert spec.kind is K.EVERY_WORKDAY
            by_leader_day.setdefault((leader_id, day), []).append((start, end))
        for spans in by_leader_day.values():
            for i, (a_start, a_end) in enumerate(spans):
                for b_start, b_end in spans[i + 1 :]:
                    assert not spans_overlap(a_start, a_end, b_start, b_end)

    check()


@given(periods, st.integers(0, 60))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generating_in_two_pieces_equals_generating_at_once(
    period: tuple[date, date], cut: int
) -> None:
    start, end = period
    middle = min(end, start + timedelta(days=cut))
    with tempfile.TemporaryDirectory() as tmp:
        pieces = office(Path(tmp) / "a.sqlite")
        whole = office(Path(tmp) / "b.sqlite")
        try:
            generate_roster(pieces, start, middle, actor=actor("测试"))
            generate_roster(pieces, middle + timedelta(days=1), end, actor=actor("测试"))
            generate_roster(whole, start, end, actor=actor("测试"))
            assert snapshot(pieces) == snapshot(whole)
        finally:
            pieces.close()
            whole.close()
