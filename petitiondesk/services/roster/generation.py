"""Roster generation (生成排班) over the office's reception rules.

``generate_roster`` is idempotent and never overwrites manual work:

- a slot (date, start time, place) that already exists is left as it is — its leader is
  never reassigned, whether it was generated, changed or added by hand;
- the rota continues from the last entry of the same rule before the period (its
  *original* leader, i.e. before any 替班/调换), and past every date of the period that
  already has entries, so generating January then February equals generating both at
  once (generate periods in date order);
- an auto entry that was generated on a guessed calendar (``calendar_uncovered``) and
  that the plan no longer contains — the year's holidays have since been entered and
  the date turned out to be a day off — is removed and re-planned, unless it was
  changed, is manual or has bookings; any other entry the plan no longer contains is
  kept and reported for the clerk to check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import FrozenInstanceError, dataclass, field
from datetime import date, time
from itertools import groupby
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.enums import PlanSkipKind
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.roster import (
    Assignment,
    BusySpan,
    ExistingDay,
    PlannedSlot,
    RotationKey,
    RuleError,
    SlotPlan,
    SlotTextError,
    assign_rotation,
    format_day,
    format_md,
    plan_slots,
    rotation_start,
)
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment, Leader, ReceptionRule, RosterChange, RosterEntry

from .. import audit
from ..calendar import load_calendar
from ..result import Result
from ._shared import active_leaders, rota, slot_text
from .rules import rule_spec

#: One generation covers at most this many days (two years).
MAX_PERIOD_DAYS: Final = 731


@dataclass
class GenerationReport:
    """What ``generate_roster`` did. Counts are slots (time spans), not days.

    ``skipped_day_off``: nominal slots dropped on a day off (rule says 取消, or a move
    would exceed the limit); ``skipped_collision``: moved slots that landed on a date the
    rule already uses; ``skipped_conflict``: slots whose place and start time another
    entry (another rule, or one added by hand) already holds; ``unassigned``: slots no
    active leader was free for; ``uncovered``: added slots in a year whose holidays are
    not entered; ``removed_stale``: guessed entries re-planned once the year's holidays
    were entered; ``flags_cleared``: existing entries whose year is now covered.

    Generation counts into the report as it goes; ``freeze`` then makes it read-only
    (assigning raises ``dataclasses.FrozenInstanceError``) before it is returned.
    """

    date_from: date
    date_to: date
    added: int = 0
    skipped_existing: int = 0
    moved: int = 0
    skipped_day_off: int = 0
    skipped_collision: int = 0
    skipped_conflict: int = 0
    unassigned: int = 0
    uncovered: int = 0
    removed_stale: int = 0
    flags_cleared: int = 0
    messages: tuple[str, ...] = ()
    added_entry_ids: tuple[int, ...] = ()
    frozen: bool = field(default=False, init=False, repr=False, compare=False)

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "frozen", False):
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super().__setattr__(name, value)

    def freeze(self) -> GenerationReport:
        """Make the report read-only; returns it."""
        self.frozen = True
        return self

    def note(self, message: str) -> None:
        self.messages += (message,)

    def count_added(self, entry: RosterEntry, slot: PlannedSlot) -> None:
        self.added += 1
        self.added_entry_ids += (entry.id,)
        self.moved += slot.moved_from is not None
        self.uncovered += slot.calendar_uncovered

    def count_skipped(self, plan: SlotPlan, per_day: int, label: str) -> None:
        """The plan's dropped dates, ``per_day`` slots each."""
        for skipped in plan.skipped:
            if skipped.kind is PlanSkipKind.COLLISION:
                self.skipped_collision += per_day
            else:
                self.skipped_day_off += per_day
            self.note(f"{label}：{skipped.reason}")

    @property
    def summary(self) -> str:
        parts = [f"新增{self.added}个接待时段"]
        if self.skipped_existing:
            parts.append(f"已有{self.skipped_existing}个保持不变")
        if self.moved:
            parts.append(f"其中{self.moved}个因节假日顺延或提前")
        if self.skipped_day_off + self.skipped_collision:
            parts.append(f"{self.skipped_day_off + self.skipped_collision}个因节假日取消")
        if self.skipped_conflict:
            parts.append(f"{self.skipped_conflict}个与其他排班冲突未安排")
        if self.unassigned:
            parts.append(f"{self.unassigned}个没有空闲的领导")
        if self.removed_stale:
            parts.append(f"删除{self.removed_stale}个按推测日历生成、现为休息日的时段")
        text = "，".join(parts)
        if self.uncovered:
            text += f"。注意：{self.uncovered}个时段所在年份的节假日尚未录入，日期仅供参考"
        return text


@dataclass
class _Run:
    """What every rule of one ``generate_roster`` call works on."""

    session: Session
    calendar: WorkCalendar
    leaders: Sequence[Leader]
    names: dict[int, str]
    #: The period's entries, kept up to date as rules add and remove slots.
    entries: list[RosterEntry]
    actor: str
    report: GenerationReport


def _period_errors(date_from: date, date_to: date) -> dict[str, str]:
    if date_to < date_from:
        return {"date_to": "结束日期不能早于开始日期"}
    if (date_to - date_from).days >= MAX_PERIOD_DAYS:
        return {"date_to": f"一次最多生成{MAX_PERIOD_DAYS}天（两年）的排班"}
    return {}


def generate_roster(
    db: Database, date_from: date, date_to: date, *, actor: Actor
) -> Result[GenerationReport]:
    """Plan every active rule over ``[date_from, date_to]`` and add the missing slots."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    errors = _period_errors(date_from, date_to)
    if errors:
        return Result.failure(errors)
    with db.write() as session:
        calendar = load_calendar(session)
        leaders = active_leaders(session)
        if not leaders:
            return Result.failure({"": "没有在岗的领导，无法排班，请先添加或启用领导"})
        rules = list(
            session.scalars(
                select(ReceptionRule).where(ReceptionRule.active).order_by(ReceptionRule.id)
            )
        )
        if not rules:
            return Result.failure({"": "没有启用的接待日规则，请先设置接待日规则"})
        names = {ld.id: ld.name for ld in session.scalars(select(Leader))}
        entries = list(
            session.scalars(
                select(RosterEntry)
                .where(RosterEntry.day >= date_from, RosterEntry.day <= date_to)
                .order_by(RosterEntry.day, RosterEntry.start_time, RosterEntry.id)
            )
        )
        report = GenerationReport(date_from=date_from, date_to=date_to)
        run = _Run(session, calendar, leaders, names, entries, actor, report)
        for rule in rules:
            _generate_rule(run, rule, date_from, date_to)
        report.freeze()
    return Result.success(report, report.summary)


def _generate_rule(run: _Run, rule: ReceptionRule, date_from: date, date_to: date) -> None:
    session, report = run.session, run.report
    label = rule.name or f"规则{rule.id}"
    try:
        spec = rule_spec(rule)
    except (SlotTextError, RuleError) as exc:
        report.note(f"接待日规则“{label}”设置有误，未生成：{exc}")
        return
    plan = plan_slots(spec, run.calendar, date_from, date_to)
    report.count_skipped(plan, len(spec.spans), label)
    _drop_unplanned(run, rule, label, {slot.key for slot in plan.slots})

    existing = _existing_days(session, [e for e in run.entries if e.rule_id == rule.id])
    occupied = {(e.day, e.start_time, e.place): e for e in run.entries}
    slots = []
    for slot in plan.slots:
        holder = occupied.get(slot.key)
        if holder is not None and holder.rule_id != rule.id:
            report.skipped_conflict += 1
            report.note(
                f"{label}：{format_day(slot.day)}{slot.span.text} {slot.place} 已有其他排班，"
                "本规则未再安排"
            )
            continue
        slots.append(slot)

    leaders = rota(run.leaders)
    busy = [BusySpan(e.leader_id, e.day, e.start_time, e.end_time) for e in run.entries]
    result = assign_rotation(
        slots,
        leaders,
        rotation_start(leaders, _rota_anchor(session, rule, date_from)),
        existing=existing,
        busy=busy,
    )

    report.skipped_existing += len(result.existing)
    for slot in result.existing:
        _mark_covered(run, occupied[slot.key], slot)
    _add_assigned(run, rule, label, result.assignments)
    for slot in result.unassigned:
        report.unassigned += 1
        report.note(f"{label}：{format_day(slot.day)}{slot.span.text} 没有空闲的在岗领导，未安排")


def _drop_unplanned(
    run: _Run, rule: ReceptionRule, label: str, planned: set[tuple[date, time, str]]
) -> None:
    """The rule's entries the plan no longer contains: stale guesses are removed, the
    others reported for the clerk to check."""
    session = run.session
    own = [e for e in run.entries if e.rule_id == rule.id]
    protected = _entries_with_history(session, [e.id for e in own])
    for entry in own:
        if (entry.day, entry.start_time, entry.place) in planned:
            continue
        if entry.calendar_uncovered and not entry.manual and entry.id not in protected:
            audit.record(
                session,
                actor=run.actor,
                action="remove_stale_roster_entry",
                entity=entry,
                summary=f"删除按推测日历生成的接待时段 {slot_text(entry)}（该日现为休息日或已调整）",
            )
            session.delete(entry)
            run.entries.remove(entry)
            run.report.removed_stale += 1
        else:
            run.report.note(
                f"{label}：{slot_text(entry)} 的排班已不符合当前规则或节假日安排，"
                "未自动删除，请核对"
            )
    session.flush()


def _existing_days(session: Session, own: Sequence[RosterEntry]) -> dict[date, ExistingDay]:
    """The dates the rule already has entries on, with the leader the rotation gave them."""
    original = _original_leaders(session, own)
    existing: dict[date, ExistingDay] = {}
    for day, group in groupby(
        sorted(own, key=lambda e: (e.day, e.start_time)), key=lambda e: e.day
    ):
        day_entries = list(group)
        first = day_entries[0]
        existing[day] = ExistingDay(
            rotation_key=_rotation_key(session, original[first.id]),
            leader_id=first.leader_id,
            spans=frozenset((e.start_time, e.place) for e in day_entries),
        )
    return existing


def _rota_anchor(session: Session, rule: ReceptionRule, date_from: date) -> RotationKey | None:
    """The rotation key of the rule's last entry before the period (the rota continues
    after its original leader)."""
    before = session.scalar(
        select(RosterEntry)
        .where(RosterEntry.rule_id == rule.id, RosterEntry.day < date_from)
        .order_by(RosterEntry.day.desc(), RosterEntry.start_time.desc(), RosterEntry.id.desc())
        .limit(1)
    )
    if before is None:
        return None
    return _rotation_key(session, _original_leaders(session, [before])[before.id])


def _mark_covered(run: _Run, entry: RosterEntry, slot: PlannedSlot) -> None:
    """Clear the guessed-calendar flag of a kept entry whose year is now covered."""
    if entry.calendar_uncovered and not slot.calendar_uncovered:
        before_row = audit.snapshot(entry)
        entry.calendar_uncovered = False
        audit.record(
            run.session,
            actor=run.actor,
            action="roster_calendar_covered",
            entity=entry,
            summary=f"节假日已录入，{slot_text(entry)} 不再标记为推测日期",
            before=before_row,
        )
        run.report.flags_cleared += 1


def _add_assigned(
    run: _Run, rule: ReceptionRule, label: str, assignments: Sequence[Assignment]
) -> None:
    """Add an entry for each assignment; report dates where busy leaders were passed over."""
    names = run.names
    reported: set[date] = set()
    for assignment in assignments:
        slot = assignment.slot
        note = ""
        if slot.moved_from is not None:
            verb = "顺延" if slot.day > slot.moved_from else "提前"
            note = f"原定{format_md(slot.moved_from)}，遇节假日{verb}"
        entry = RosterEntry(
            rule_id=rule.id,
            day=slot.day,
            start_time=slot.start,
            end_time=slot.end,
            place=slot.place,
            leader_id=assignment.leader_id,
            capacity=rule.capacity,
            manual=False,
            calendar_uncovered=slot.calendar_uncovered,
            note=note,
        )
        run.session.add(entry)
        audit.record(
            run.session,
            actor=run.actor,
            action="generate_roster_entry",
            entity=entry,
            summary=f"生成排班 {slot_text(entry)} {names.get(assignment.leader_id, '')}",
        )
        run.entries.append(entry)
        run.report.count_added(entry, slot)
        if assignment.passed_over and slot.day not in reported:
            reported.add(slot.day)
            busy_names = "、".join(names.get(i, str(i)) for i in assignment.passed_over)
            run.report.note(
                f"{label}：{format_day(slot.day)} 轮到的{busy_names}已有其他接待安排，"
                f"由{names.get(assignment.leader_id, '')}依次递补"
            )


def _original_leaders(session: Session, entries: Sequence[RosterEntry]) -> dict[int, int]:
    """entry id -> the leader the rotation gave it (before its first 替班/调换/递补)."""
    original = {e.id: e.leader_id for e in entries}
    if not original:
        return original
    stmt = (
        select(RosterChange.entry_id, RosterChange.from_leader_id)
        .where(RosterChange.entry_id.in_(list(original)))
        .order_by(RosterChange.id.desc())
    )
    for entry_id, from_leader in session.execute(stmt):
        original[entry_id] = from_leader  # the earliest change is applied last
    return original


def _rotation_key(session: Session, leader_id: int) -> RotationKey:
    leader = session.get(Leader, leader_id)
    order = leader.rotation_order if leader is not None else 0
    return (order, leader_id)


def _entries_with_history(session: Session, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    changed = session.scalars(
        select(RosterChange.entry_id).where(RosterChange.entry_id.in_(list(ids)))
    )
    other = session.scalars(
        select(RosterChange.other_entry_id).where(RosterChange.other_entry_id.in_(list(ids)))
    )
    booked = session.scalars(
        select(Appointment.entry_id).where(Appointment.entry_id.in_(list(ids)))
    )
    return {i for i in (*changed, *other, *booked) if i is not None}
