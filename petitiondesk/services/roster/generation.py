"""Leaders' reception-day roster (领导接待日排班) as use cases.

Generation over the office's reception rules, substitutions (替班), swaps (调换) and
fill-ins in rota order (按值班顺序依次递补), manual additions, the published list, and
the leaders / rules the roster is made from. Every write is one transaction with its
audit rows; expected failures come back as ``Result`` with per-field Chinese messages.

Generation (``generate_roster``) is idempotent and never overwrites manual work:

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import groupby
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core import validation
from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.roster import (
    BusySpan,
    ExistingDay,
    RotationKey,
    RotationLeader,
    RuleError,
    RuleSpec,
    SlotTextError,
    TimeSpan,
    assign_rotation,
    describe_rule,
    first_free_in_rotation,
    format_day,
    format_md,
    format_spans,
    parse_spans,
    plan_slots,
    rotation_order,
    rotation_start,
    rule_errors,
    spans_overlap,
    weekday_label,
)
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Appointment,
    AuditLog,
    Department,
    IssueCategory,
    Leader,
    ReceptionRule,
    RosterChange,
    RosterEntry,
)

from .. import audit
from ..calendar import load_calendar
from ..result import Result

#: One generation covers at most this many days (two years).
MAX_PERIOD_DAYS: Final = 731
#: Bookings per slot accepted by the rule and entry forms.
MAX_CAPACITY: Final = 200

CHANGE_KINDS: Final = {"substitute": "替班", "swap": "调换", "fill_next": "依次递补"}
#: Appointment statuses that hold a place in the slot (a cancelled one does not).
ACTIVE_STATUSES: Final = ("booked", "seen", "no_show")


@dataclass(frozen=True)
class Saved:
    """A saved row's id, plus advice that did not stop the save."""

    id: int
    warnings: tuple[str, ...] = ()


# --- shared helpers ----------------------------------------------------------------------


def span_text(entry: RosterEntry) -> str:
    return TimeSpan(entry.start_time, entry.end_time).text


def slot_text(entry: RosterEntry) -> str:
    """``2026年10月8日（星期四）08:30-12:00 县信访接待中心``."""
    place = f" {entry.place}" if entry.place else ""
    return f"{format_day(entry.day)}{span_text(entry)}{place}"


def active_leaders(session: Session) -> list[Leader]:
    """Active leaders in rota order (rotation_order, then id)."""
    stmt = select(Leader).where(Leader.active).order_by(Leader.rotation_order, Leader.id)
    return list(session.scalars(stmt))


def _rota(leaders: Iterable[Leader]) -> list[RotationLeader]:
    return rotation_order(RotationLeader(ld.id, ld.rotation_order) for ld in leaders)


def day_off_message(calendar: WorkCalendar, day: date) -> str | None:
    """``None`` on a working day, else why no reception can be held that day."""
    info = calendar.day(day)
    if info.is_workday:
        return None
    what = f"{info.name}假期" if info.name else "休息日"
    return f"{format_day(day)}是{what}，不能安排接待"


def leader_conflict(
    session: Session,
    leader_id: int,
    day: date,
    start: time,
    end: time,
    exclude: Iterable[int] = (),
) -> RosterEntry | None:
    """An entry that already puts ``leader_id`` on duty at an overlapping time that day."""
    skip = set(exclude)
    stmt = select(RosterEntry).where(RosterEntry.leader_id == leader_id, RosterEntry.day == day)
    for other in session.scalars(stmt):
        if other.id not in skip and spans_overlap(start, end, other.start_time, other.end_time):
            return other
    return None


def conflict_message(leader: Leader, other: RosterEntry) -> str:
    where = f"在{other.place}" if other.place else ""
    return (
        f"{leader.name}在{format_md(other.day)} {span_text(other)} 已{where}接待，"
        "同一时间不能安排两处"
    )


def _leader_available(
    session: Session,
    leader: Leader,
    day: date,
    start: time,
    end: time,
    exclude: Iterable[int] = (),
) -> str | None:
    """Why ``leader`` cannot receive on ``day`` from ``start`` to ``end`` (inactive, or
    busy then), else ``None``."""
    if not leader.active:
        return f"{leader.name}已停用（不在岗），不能安排接待"
    other = leader_conflict(session, leader.id, day, start, end, exclude)
    return conflict_message(leader, other) if other is not None else None


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


def rule_spec(rule: ReceptionRule) -> RuleSpec:
    """The planning spec of a stored rule (raises ``SlotTextError`` / ``RuleError``)."""
    return RuleSpec.from_text(
        rule.kind,
        rule.slots,
        rule.place,
        weekday=rule.weekday,
        nth=rule.nth,
        on_day_off=rule.on_day_off,
        valid_from=rule.valid_from,
        valid_to=rule.valid_to,
    )


# --- generation --------------------------------------------------------------------------


@dataclass(frozen=True)
class GenerationReport:
    """What ``generate_roster`` did. Counts are slots (time spans), not days.

    ``skipped_day_off``: nominal slots dropped on a day off (rule says 取消, or a move
    would exceed the limit); ``skipped_collision``: moved slots that landed on a date the
    rule already uses; ``skipped_conflict``: slots whose place and start time another
    entry (another rule, or one added by hand) already holds; ``unassigned``: slots no
    active leader was free for; ``uncovered``: added slots in a year whose holidays are
    not entered; ``removed_stale``: guessed entries re-planned once the year's holidays
    were entered; ``flags_cleared``: existing entries whose year is now covered.
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
class _Tally:
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
    messages: list[str] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)


def _period_errors(date_from: date, date_to: date) -> dict[str, str]:
    if date_to < date_from:
        return {"date_to": "结束日期不能早于开始日期"}
    if (date_to - date_from).days >= MAX_PERIOD_DAYS:
        return {"date_to": f"一次最多生成{MAX_PERIOD_DAYS}天（两年）的排班"}
    return {}


def generate_roster(
    db: Database, date_from: date, date_to: date, *, actor: str
) -> Result[GenerationReport]:
    """Plan every active rule over ``[date_from, date_to]`` and add the missing slots."""
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
        tally = _Tally()
        for rule in rules:
            _generate_rule(
                session, rule, calendar, leaders, names, entries, date_from, date_to, actor, tally
            )
        report = GenerationReport(
            date_from=date_from,
            date_to=date_to,
            added=tally.added,
            skipped_existing=tally.skipped_existing,
            moved=tally.moved,
            skipped_day_off=tally.skipped_day_off,
            skipped_collision=tally.skipped_collision,
            skipped_conflict=tally.skipped_conflict,
            unassigned=tally.unassigned,
            uncovered=tally.uncovered,
            removed_stale=tally.removed_stale,
            flags_cleared=tally.flags_cleared,
            messages=tuple(tally.messages),
            added_entry_ids=tuple(tally.added_ids),
        )
    return Result.success(report, report.summary)


def _generate_rule(
    session: Session,
    rule: ReceptionRule,
    calendar: WorkCalendar,
    leaders: Sequence[Leader],
    names: dict[int, str],
    entries: list[RosterEntry],
    date_from: date,
    date_to: date,
    actor: str,
    tally: _Tally,
) -> None:
    label = rule.name or f"规则{rule.id}"
    try:
        spec = rule_spec(rule)
    except (SlotTextError, RuleError) as exc:
        tally.messages.append(f"接待日规则“{label}”设置有误，未生成：{exc}")
        return
    plan = plan_slots(spec, calendar, date_from, date_to)
    per_day = len(spec.spans)
    for skipped in plan.skipped:
        if skipped.kind == "collision":
            tally.skipped_collision += per_day
        else:
            tally.skipped_day_off += per_day
        tally.messages.append(f"{label}：{skipped.reason}")

    planned = {slot.key for slot in plan.slots}
    own = [e for e in entries if e.rule_id == rule.id]
    protected = _entries_with_history(session, [e.id for e in own])
    for entry in own:
        if (entry.day, entry.start_time, entry.place) in planned:
            continue
        if entry.calendar_uncovered and not entry.manual and entry.id not in protected:
            audit.record(
                session,
                actor=actor,
                action="remove_stale_roster_entry",
                entity=entry,
                summary=f"删除按推测日历生成的接待时段 {slot_text(entry)}（该日现为休息日或已调整）",
            )
            session.delete(entry)
            entries.remove(entry)
            tally.removed_stale += 1
        else:
            tally.messages.append(
                f"{label}：{slot_text(entry)} 的排班已不符合当前规则或节假日安排，"
                "未自动删除，请核对"
            )
    session.flush()

    own = [e for e in entries if e.rule_id == rule.id]
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

    occupied = {(e.day, e.start_time, e.place): e for e in entries}
    slots = []
    for slot in plan.slots:
        holder = occupied.get(slot.key)
        if holder is not None and holder.rule_id != rule.id:
            tally.skipped_conflict += 1
            tally.messages.append(
                f"{label}：{format_day(slot.day)}{slot.span.text} {slot.place} 已有其他排班，"
                "本规则未再安排"
            )
            continue
        slots.append(slot)

    before = session.scalar(
        select(RosterEntry)
        .where(RosterEntry.rule_id == rule.id, RosterEntry.day < date_from)
        .order_by(RosterEntry.day.desc(), RosterEntry.start_time.desc(), RosterEntry.id.desc())
        .limit(1)
    )
    rota = _rota(leaders)
    anchor = None
    if before is not None:
        anchor = _rotation_key(session, _original_leaders(session, [before])[before.id])
    busy = [BusySpan(e.leader_id, e.day, e.start_time, e.end_time) for e in entries]
    result = assign_rotation(
        slots, rota, rotation_start(rota, anchor), existing=existing, busy=busy
    )

    tally.skipped_existing += len(result.existing)
    for slot in result.existing:
        entry = occupied[slot.key]
        if entry.calendar_uncovered and not slot.calendar_uncovered:
            before_row = audit.snapshot(entry)
            entry.calendar_uncovered = False
            audit.record(
                session,
                actor=actor,
                action="roster_calendar_covered",
                entity=entry,
                summary=f"节假日已录入，{slot_text(entry)} 不再标记为推测日期",
                before=before_row,
            )
            tally.flags_cleared += 1

    reported: set[date] = set()
    for assignment in result.assignments:
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
        session.add(entry)
        audit.record(
            session,
            actor=actor,
            action="generate_roster_entry",
            entity=entry,
            summary=f"生成排班 {slot_text(entry)} {names.get(assignment.leader_id, '')}",
        )
        entries.append(entry)
        tally.added += 1
        tally.added_ids.append(entry.id)
        tally.moved += slot.moved_from is not None
        tally.uncovered += slot.calendar_uncovered
        if assignment.passed_over and slot.day not in reported:
            reported.add(slot.day)
            busy_names = "、".join(names.get(i, str(i)) for i in assignment.passed_over)
            tally.messages.append(
                f"{label}：{format_day(slot.day)} 轮到的{busy_names}已有其他接待安排，"
                f"由{names.get(assignment.leader_id, '')}依次递补"
            )
    for slot in result.unassigned:
        tally.unassigned += 1
        tally.messages.append(
            f"{label}：{format_day(slot.day)}{slot.span.text} 没有空闲的在岗领导，未安排"
        )


# --- changes: 替班, 调换, 依次递补 ---------------------------------------------------------


@dataclass(frozen=True)
class ChangeOutcome:
    """A saved roster change. ``warnings`` are advice (e.g. bookings whose issue the new
    leader does not own)."""

    change_ids: tuple[int, ...]
    entry_ids: tuple[int, ...]
    from_leader: str
    to_leader: str
    warnings: tuple[str, ...] = ()


def _reason_error(reason: str, what: str) -> dict[str, str]:
    return {"reason": f"请填写{what}原因"} if not reason.strip() else {}


def _booking_warnings(session: Session, entry: RosterEntry, leader: Leader) -> list[str]:
    owned = {c.id for c in leader.categories}
    stmt = select(Appointment).where(
        Appointment.entry_id == entry.id,
        Appointment.status == "booked",
        Appointment.category_id.is_not(None),
    )
    outside = [a for a in session.scalars(stmt) if a.category_id not in owned]
    if not outside:
        return []
    return [
        f"{slot_text(entry)} 已有{len(outside)}个预约的问题类别不在{leader.name}的分管范围内，"
        "请视情况通知来访人改约"
    ]


def _apply_change(
    session: Session,
    entry: RosterEntry,
    to_leader: Leader,
    *,
    kind: str,
    reason: str,
    requested_by: str,
    actor: str,
    other_entry_id: int | None = None,
) -> RosterChange:
    from_leader = entry.leader
    change = RosterChange(
        entry_id=entry.id,
        kind=kind,
        from_leader_id=from_leader.id,
        to_leader_id=to_leader.id,
        other_entry_id=other_entry_id,
        reason=reason.strip(),
        requested_by=requested_by.strip(),
    )
    entry.leader_id = to_leader.id
    entry.leader = to_leader
    entry.manual = True
    session.add(change)
    audit.record(
        session,
        actor=actor,
        action=f"roster_{kind}",
        entity=change,
        summary=(
            f"{CHANGE_KINDS[kind]}：{slot_text(entry)} {from_leader.name}→{to_leader.name}，"
            f"原因：{reason.strip()}"
        ),
    )
    return change


def _load_entry(session: Session, entry_id: int) -> RosterEntry | None:
    return session.get(RosterEntry, entry_id)


def substitute(
    db: Database,
    entry_id: int,
    to_leader_id: int,
    *,
    reason: str,
    requested_by: str = "",
    actor: str,
) -> Result[ChangeOutcome]:
    """替班: ``to_leader_id`` takes the slot. Refused when that leader is inactive, busy at
    that time, already on the slot, or the slot's date is a day off."""
    errors = _reason_error(reason, "替班")
    with db.write() as session:
        entry = _load_entry(session, entry_id)
        leader = session.get(Leader, to_leader_id)
        if entry is None:
            errors.setdefault("entry_id", "该接待时段不存在")
        if leader is None:
            errors.setdefault("to_leader_id", "请选择替班领导")
        if entry is None or leader is None or errors:
            return Result.failure(errors, "替班未保存：" + "；".join(errors.values()))
        calendar = load_calendar(session)
        off = day_off_message(calendar, entry.day)
        if off:
            errors["entry_id"] = off
        if leader.id == entry.leader_id:
            errors["to_leader_id"] = f"{leader.name}本来就是该时段的接待领导"
        else:
            problem = _leader_available(
                session, leader, entry.day, entry.start_time, entry.end_time, [entry.id]
            )
            if problem:
                errors["to_leader_id"] = problem
        if errors:
            return Result.failure(errors, "替班未保存：" + "；".join(errors.values()))
        from_name = entry.leader.name
        change = _apply_change(
            session,
            entry,
            leader,
            kind="substitute",
            reason=reason,
            requested_by=requested_by,
            actor=actor,
        )
        outcome = ChangeOutcome(
            (change.id,),
            (entry.id,),
            from_name,
            leader.name,
            tuple(_booking_warnings(session, entry, leader)),
        )
    return Result.success(outcome, f"已替班：{from_name}→{leader.name}")


def swap(
    db: Database,
    entry_a: int,
    entry_b: int,
    *,
    reason: str,
    requested_by: str = "",
    actor: str,
) -> Result[ChangeOutcome]:
    """调换: the leaders of two slots trade places (one change row per slot)."""
    errors = _reason_error(reason, "调换")
    with db.write() as session:
        a = _load_entry(session, entry_a)
        b = _load_entry(session, entry_b)
        if a is None:
            errors.setdefault("entry_a", "该接待时段不存在")
        if b is None:
            errors.setdefault("entry_b", "要调换的接待时段不存在")
        if a is None or b is None or errors:
            return Result.failure(errors, "调换未保存：" + "；".join(errors.values()))
        if a.id == b.id:
            errors["entry_b"] = "请选择另一个接待时段"
        elif a.leader_id == b.leader_id:
            errors["entry_b"] = f"两个时段都是{a.leader.name}接待，无需调换"
        if errors:
            return Result.failure(errors, "调换未保存：" + "；".join(errors.values()))
        calendar = load_calendar(session)
        for key, entry in (("entry_a", a), ("entry_b", b)):
            off = day_off_message(calendar, entry.day)
            if off:
                errors[key] = off
        leader_a, leader_b = a.leader, b.leader
        problem = _leader_available(
            session, leader_b, a.day, a.start_time, a.end_time, [a.id, b.id]
        )
        if problem:
            errors.setdefault("entry_a", problem)
        problem = _leader_available(
            session, leader_a, b.day, b.start_time, b.end_time, [a.id, b.id]
        )
        if problem:
            errors.setdefault("entry_b", problem)
        if errors:
            return Result.failure(errors, "调换未保存：" + "；".join(errors.values()))
        first = _apply_change(
            session,
            a,
            leader_b,
            kind="swap",
            reason=reason,
            requested_by=requested_by,
            actor=actor,
            other_entry_id=b.id,
        )
        second = _apply_change(
            session,
            b,
            leader_a,
            kind="swap",
            reason=reason,
            requested_by=requested_by,
            actor=actor,
            other_entry_id=a.id,
        )
        warnings = _booking_warnings(session, a, leader_b) + _booking_warnings(session, b, leader_a)
        outcome = ChangeOutcome(
            (first.id, second.id), (a.id, b.id), leader_a.name, leader_b.name, tuple(warnings)
        )
    return Result.success(
        outcome,
        f"已调换：{format_md(a.day)} 由{leader_b.name}接待，{format_md(b.day)} 由{leader_a.name}接待",
    )


def fill_next_in_rotation(
    db: Database,
    entry_id: int,
    *,
    reason: str,
    requested_by: str = "",
    actor: str,
) -> Result[ChangeOutcome]:
    """按值班顺序依次递补: the next active leader after the slot's leader in rota order
    who is free at that time takes the slot."""
    errors = _reason_error(reason, "递补")
    with db.write() as session:
        entry = _load_entry(session, entry_id)
        if entry is None:
            errors.setdefault("entry_id", "该接待时段不存在")
        if entry is None or errors:
            return Result.failure(errors, "递补未保存：" + "；".join(errors.values()))
        calendar = load_calendar(session)
        off = day_off_message(calendar, entry.day)
        if off:
            return Result.failure({"entry_id": off}, "递补未保存：" + off)
        leaders = active_leaders(session)
        by_id = {ld.id: ld for ld in leaders}
        current = entry.leader

        def is_free(leader_id: int) -> bool:
            return (
                leader_conflict(
                    session, leader_id, entry.day, entry.start_time, entry.end_time, [entry.id]
                )
                is None
            )

        chosen = first_free_in_rotation(
            _rota(leaders), (current.rotation_order, current.id), is_free
        )
        if chosen is None:
            message = "没有可以递补的在岗领导：其他领导在该时段都已有接待安排或已停用"
            return Result.failure({"entry_id": message}, "递补未保存：" + message)
        to_leader = by_id[chosen.id]
        change = _apply_change(
            session,
            entry,
            to_leader,
            kind="fill_next",
            reason=reason,
            requested_by=requested_by,
            actor=actor,
        )
        outcome = ChangeOutcome(
            (change.id,),
            (entry.id,),
            current.name,
            to_leader.name,
            tuple(_booking_warnings(session, entry, to_leader)),
        )
    return Result.success(outcome, f"已按值班顺序由{to_leader.name}递补{current.name}")


@dataclass(frozen=True)
class ChangeRow:
    """One line of a slot's change history (who / when / from / to / why)."""

    id: int
    entry_id: int
    kind: str
    kind_label: str
    from_leader: str
    to_leader: str
    other_entry_id: int | None
    other_slot: str
    reason: str
    requested_by: str
    recorded_by: str
    created_at: datetime


def roster_history(db: Database, entry_id: int) -> list[ChangeRow]:
    """The changes of one slot, oldest first. ``recorded_by`` is the clerk who saved it."""
    with db.read() as session:
        changes = list(
            session.scalars(
                select(RosterChange)
                .where(RosterChange.entry_id == entry_id)
                .order_by(RosterChange.created_at, RosterChange.id)
            )
        )
        if not changes:
            return []
        names = {ld.id: ld.name for ld in session.scalars(select(Leader))}
        actors = {
            entity_id: actor
            for entity_id, actor in session.execute(
                select(AuditLog.entity_id, AuditLog.actor).where(
                    AuditLog.entity == RosterChange.__tablename__,
                    AuditLog.entity_id.in_([c.id for c in changes]),
                )
            )
        }
        rows = []
        for change in changes:
            other = (
                session.get(RosterEntry, change.other_entry_id)
                if change.other_entry_id is not None
                else None
            )
            rows.append(
                ChangeRow(
                    id=change.id,
                    entry_id=change.entry_id,
                    kind=change.kind,
                    kind_label=CHANGE_KINDS.get(change.kind, change.kind),
                    from_leader=names.get(change.from_leader_id, ""),
                    to_leader=names.get(change.to_leader_id, ""),
                    other_entry_id=change.other_entry_id,
                    other_slot=slot_text(other) if other is not None else "",
                    reason=change.reason,
                    requested_by=change.requested_by,
                    recorded_by=actors.get(change.id, ""),
                    created_at=change.created_at,
                )
            )
        return rows


# --- manual entries ----------------------------------------------------------------------


@dataclass
class EntryInput:
    """A slot added by hand (手工加排). Field names are the error keys."""

    day: date
    start: time
    end: time
    place: str
    leader_id: int | None
    capacity: int = 10
    accompany_department_id: int | None = None
    accompany_person: str = ""
    note: str = ""


def add_entry(db: Database, data: EntryInput, *, actor: str) -> Result[Saved]:
    """Add one slot by hand (``manual=True``); refused on a day off, for an inactive
    leader, for a leader already on duty then, or where the place and time are taken."""
    errors: dict[str, str] = {}
    if data.end <= data.start:
        errors["end"] = "结束时间应晚于开始时间"
    if not data.place.strip():
        errors["place"] = "请填写接待地点"
    if not 1 <= data.capacity <= MAX_CAPACITY:
        errors["capacity"] = f"每个时段可预约人数应为1至{MAX_CAPACITY}人"
    if data.leader_id is None:
        errors["leader_id"] = "请选择接待领导"
    with db.write() as session:
        calendar = load_calendar(session)
        off = day_off_message(calendar, data.day)
        if off:
            errors.setdefault("day", off)
        leader = session.get(Leader, data.leader_id) if data.leader_id is not None else None
        if data.leader_id is not None and leader is None:
            errors.setdefault("leader_id", "接待领导不存在")
        if data.accompany_department_id is not None and (
            session.get(Department, data.accompany_department_id) is None
        ):
            errors.setdefault("accompany_department_id", "陪同科室不存在")
        if errors or leader is None:
            return Result.failure(errors, "接待时段未保存：" + "；".join(errors.values()))
        problem = _leader_available(session, leader, data.day, data.start, data.end)
        if problem:
            errors["leader_id"] = problem
        taken = session.scalar(
            select(RosterEntry).where(
                RosterEntry.day == data.day,
                RosterEntry.start_time == data.start,
                RosterEntry.place == data.place.strip(),
            )
        )
        if taken is not None:
            errors["start"] = f"{data.place.strip()}在该时间已有排班（{taken.leader.name}）"
        if errors:
            return Result.failure(errors, "接待时段未保存：" + "；".join(errors.values()))
        entry = RosterEntry(
            rule_id=None,
            day=data.day,
            start_time=data.start,
            end_time=data.end,
            place=data.place.strip(),
            leader_id=leader.id,
            capacity=data.capacity,
            accompany_department_id=data.accompany_department_id,
            accompany_person=data.accompany_person.strip(),
            manual=True,
            calendar_uncovered=not calendar.is_covered(data.day),
            note=data.note.strip(),
        )
        session.add(entry)
        audit.record(
            session,
            actor=actor,
            action="add_roster_entry",
            entity=entry,
            summary=f"手工加排 {slot_text(entry)} {leader.name}",
        )
        warnings: tuple[str, ...] = ()
        if entry.calendar_uncovered:
            warnings = (f"{data.day.year}年的节假日安排尚未录入，请确认该日是工作日",)
        saved = Saved(entry.id, warnings)
    return Result.success(saved, f"已加排 {format_md(data.day)} {leader.name}")


def set_accompany(
    db: Database,
    entry_id: int,
    *,
    department_id: int | None,
    person: str = "",
    actor: str,
) -> Result[Saved]:
    """Record the functional department (and person) accompanying the leader (陪同接访)."""
    with db.write() as session:
        entry = _load_entry(session, entry_id)
        if entry is None:
            return Result.failure({"entry_id": "该接待时段不存在"})
        if department_id is not None and session.get(Department, department_id) is None:
            return Result.failure({"accompany_department_id": "陪同科室不存在"})
        before = audit.snapshot(entry)
        entry.accompany_department_id = department_id
        entry.accompany_person = person.strip()
        audit.record(
            session,
            actor=actor,
            action="set_roster_accompany",
            entity=entry,
            summary=f"设置陪同接访 {slot_text(entry)} {person.strip()}",
            before=before,
        )
    return Result.success(Saved(entry_id), "已保存陪同人员")


def remove_entry(db: Database, entry_id: int, *, reason: str, actor: str) -> Result[Saved]:
    """Delete a slot (e.g. one left on a day off after the holiday table changed).
    Refused while it has bookings; its swap partner's history keeps the change but loses
    the link to this slot."""
    if not reason.strip():
        return Result.failure({"reason": "请填写删除原因"})
    with db.write() as session:
        entry = _load_entry(session, entry_id)
        if entry is None:
            return Result.failure({"entry_id": "该接待时段不存在"})
        booked = session.scalar(
            select(func.count(Appointment.id)).where(Appointment.entry_id == entry.id)
        )
        if booked:
            return Result.failure(
                {"entry_id": f"该时段已有{booked}条预约或排队记录，不能删除，请改为替班"}
            )
        for change in session.scalars(
            select(RosterChange).where(RosterChange.other_entry_id == entry.id)
        ):
            change.other_entry_id = None
        audit.record(
            session,
            actor=actor,
            action="remove_roster_entry",
            entity=entry,
            summary=f"删除接待时段 {slot_text(entry)} {entry.leader.name}，原因：{reason.strip()}",
        )
        session.delete(entry)
    return Result.success(Saved(entry_id), "已删除该接待时段")


# --- the published roster ----------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """One line of the roster list / 排班公示.

    ``calendar_uncovered``: the date rests on a guessed calendar (stored flag, or the
    year is still not covered); regenerate the period after entering the holidays.
    ``on_day_off``: the current calendar says the date is a day off (the holiday table
    changed after the slot was made) — the clerk should move or remove it.
    """

    entry_id: int
    rule_id: int | None
    day: date
    weekday: str
    start: time
    end: time
    time_text: str
    half_day: str
    place: str
    leader_id: int
    leader_name: str
    leader_title: str
    leader_active: bool
    portfolio: tuple[str, ...]
    portfolio_text: str
    accompany_department: str
    accompany_person: str
    accompany: str
    calendar_uncovered: bool
    on_day_off: bool
    day_off_name: str
    manual: bool
    changed: bool
    note: str
    booked: int
    capacity: int
    walk_ins: int

    @property
    def booked_text(self) -> str:
        return f"{self.booked}/{self.capacity}"


def portfolio_text(leader: Leader) -> str:
    names = "、".join(c.name for c in leader.categories)
    note = leader.portfolio_note.strip()
    if names and note:
        return f"{names}（{note}）"
    return names or note


def count_bookings(session: Session, ids: Sequence[int], kind: str) -> dict[int, int]:
    """entry id -> its ``kind`` ("appointment" / "walk_in") rows that hold a place."""
    if not ids:
        return {}
    stmt = (
        select(Appointment.entry_id, func.count(Appointment.id))
        .where(
            Appointment.entry_id.in_(list(ids)),
            Appointment.kind == kind,
            Appointment.status.in_(ACTIVE_STATUSES),
        )
        .group_by(Appointment.entry_id)
    )
    return {entry_id: int(n) for entry_id, n in session.execute(stmt)}


def roster_rows(session: Session, entries: Sequence[RosterEntry]) -> list[RosterRow]:
    calendar = load_calendar(session)
    ids = [e.id for e in entries]
    booked = count_bookings(session, ids, "appointment")
    walk_ins = count_bookings(session, ids, "walk_in")
    changed = (
        set(session.scalars(select(RosterChange.entry_id).where(RosterChange.entry_id.in_(ids))))
        if ids
        else set()
    )
    rows = []
    for e in entries:
        info = calendar.day(e.day)
        span = TimeSpan(e.start_time, e.end_time)
        dept = e.accompany_department.name if e.accompany_department is not None else ""
        accompany = " ".join(part for part in (dept, e.accompany_person) if part)
        rows.append(
            RosterRow(
                entry_id=e.id,
                rule_id=e.rule_id,
                day=e.day,
                weekday=weekday_label(e.day),
                start=e.start_time,
                end=e.end_time,
                time_text=span.text,
                half_day=span.half_day,
                place=e.place,
                leader_id=e.leader_id,
                leader_name=e.leader.name,
                leader_title=e.leader.title,
                leader_active=e.leader.active,
                portfolio=tuple(c.name for c in e.leader.categories),
                portfolio_text=portfolio_text(e.leader),
                accompany_department=dept,
                accompany_person=e.accompany_person,
                accompany=accompany,
                calendar_uncovered=e.calendar_uncovered or not info.covered,
                on_day_off=not info.is_workday,
                day_off_name=(info.name or "休息日") if not info.is_workday else "",
                manual=e.manual,
                changed=e.id in changed,
                note=e.note,
                booked=booked.get(e.id, 0),
                capacity=e.capacity,
                walk_ins=walk_ins.get(e.id, 0),
            )
        )
    return rows


def list_roster(db: Database, date_from: date, date_to: date) -> list[RosterRow]:
    """The roster between two dates (inclusive), by date, time and place."""
    with db.read() as session:
        entries = list(
            session.scalars(
                select(RosterEntry)
                .where(RosterEntry.day >= date_from, RosterEntry.day <= date_to)
                .options(
                    selectinload(RosterEntry.leader).selectinload(Leader.categories),
                    selectinload(RosterEntry.accompany_department),
                )
                .order_by(RosterEntry.day, RosterEntry.start_time, RosterEntry.place)
            )
        )
        return roster_rows(session, entries)


def roster_entry(db: Database, entry_id: int) -> RosterRow | None:
    with db.read() as session:
        entry = session.get(RosterEntry, entry_id)
        return roster_rows(session, [entry])[0] if entry is not None else None


# --- leaders -----------------------------------------------------------------------------


@dataclass
class LeaderInput:
    """The leader form. ``rotation_order`` None puts a new leader at the end of the rota.
    ``category_ids`` is the portfolio (分管领域) used to match visitors' issues."""

    name: str
    id: int | None = None
    title: str = ""
    phone: str = ""
    rotation_order: int | None = None
    active: bool = True
    category_ids: list[int] = field(default_factory=list)
    portfolio_note: str = ""


@dataclass(frozen=True)
class LeaderRow:
    id: int
    name: str
    title: str
    phone: str
    rotation_order: int
    active: bool
    category_ids: tuple[int, ...]
    portfolio: str


def save_leader(
    db: Database, data: LeaderInput, *, actor: str, today: date | None = None
) -> Result[Saved]:
    """Create or update a leader. Deactivating one who still has slots from ``today`` on
    saves, with a warning listing how many need a substitute."""
    today = today or date.today()
    errors: dict[str, str] = {}

    def put(key: str, message: str | None) -> None:
        if message and key not in errors:
            errors[key] = message

    put("name", validation.check_required(data.name, "领导姓名"))
    put("phone", validation.check_phone(data.phone))
    if data.rotation_order is not None and data.rotation_order < 0:
        put("rotation_order", "值班顺序应为0或正整数")
    with db.write() as session:
        leader = session.get(Leader, data.id) if data.id is not None else None
        if data.id is not None and leader is None:
            put("id", "该领导不存在")
        wanted = list(dict.fromkeys(data.category_ids))
        categories = (
            list(session.scalars(select(IssueCategory).where(IssueCategory.id.in_(wanted))))
            if wanted
            else []
        )
        if len(categories) != len(wanted):
            put("category_ids", "所选分管问题类别不存在")
        if errors:
            return Result.failure(errors, "领导信息未保存：" + "；".join(errors.values()))
        before = audit.snapshot(leader) if leader is not None else None
        order = data.rotation_order
        if order is None:
            if leader is not None:
                order = leader.rotation_order
            else:
                order = int(session.scalar(select(func.max(Leader.rotation_order))) or 0) + 1
        if leader is None:
            leader = Leader()
            session.add(leader)
        leader.name = data.name.strip()
        leader.title = data.title.strip()
        leader.phone = data.phone.strip()
        leader.rotation_order = order
        leader.active = data.active
        leader.portfolio_note = data.portfolio_note.strip()
        by_id = {c.id: c for c in categories}
        leader.categories = [by_id[i] for i in wanted]
        audit.record(
            session,
            actor=actor,
            action="save_leader" if before else "create_leader",
            entity=leader,
            summary=f"{'修改' if before else '新增'}领导 {leader.name}，分管："
            + ("、".join(c.name for c in leader.categories) or "无"),
            before=before,
        )
        warnings: tuple[str, ...] = ()
        if not leader.active:
            upcoming = int(
                session.scalar(
                    select(func.count(RosterEntry.id)).where(
                        RosterEntry.leader_id == leader.id, RosterEntry.day >= today
                    )
                )
                or 0
            )
            if upcoming:
                warnings = (f"{leader.name}今后还有{upcoming}个接待时段，请安排替班或递补",)
        saved = Saved(leader.id, warnings)
    message = f"已保存领导 {data.name.strip()}"
    if warnings:
        message += "。" + warnings[0]
    return Result.success(saved, message)


def list_leaders(db: Database, *, include_inactive: bool = True) -> list[LeaderRow]:
    with db.read() as session:
        stmt = (
            select(Leader)
            .options(selectinload(Leader.categories))
            .order_by(Leader.rotation_order, Leader.id)
        )
        if not include_inactive:
            stmt = stmt.where(Leader.active)
        return [
            LeaderRow(
                id=ld.id,
                name=ld.name,
                title=ld.title,
                phone=ld.phone,
                rotation_order=ld.rotation_order,
                active=ld.active,
                category_ids=tuple(c.id for c in ld.categories),
                portfolio=portfolio_text(ld),
            )
            for ld in session.scalars(stmt)
        ]


# --- reception rules ---------------------------------------------------------------------


@dataclass
class RuleInput:
    """The reception-rule form. ``slots`` is text like ``08:30-12:00;14:30-18:00``;
    ``weekday`` 0 = Monday … 6 = Sunday; ``nth`` 1..5 or -1 (last)."""

    name: str
    kind: ReceptionRuleKind
    slots: str
    place: str
    id: int | None = None
    weekday: int | None = None
    nth: int | None = None
    on_day_off: DayOffPolicy = DayOffPolicy.SKIP
    capacity: int = 10
    active: bool = True
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class RuleRow:
    id: int
    name: str
    kind: ReceptionRuleKind
    description: str
    slots: str
    place: str
    weekday: int | None
    nth: int | None
    on_day_off: DayOffPolicy
    capacity: int
    active: bool
    valid_from: date | None
    valid_to: date | None


def save_reception_rule(db: Database, data: RuleInput, *, actor: str) -> Result[Saved]:
    """Create or update a rule; the slot text is stored in canonical form. Changing a
    rule does not touch slots already generated (regenerate to add the new ones)."""
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = "请填写规则名称"
    try:
        kind = ReceptionRuleKind(data.kind)
    except ValueError:
        errors["kind"] = "请选择接待日规则类型"
        kind = ReceptionRuleKind.WEEKDAY
    try:
        policy = DayOffPolicy(data.on_day_off)
    except ValueError:
        errors["on_day_off"] = "请选择遇节假日的处理方式"
        policy = DayOffPolicy.SKIP
    for key, message in rule_errors(
        kind, data.weekday, data.nth, data.slots, data.place, data.valid_from, data.valid_to
    ).items():
        errors.setdefault(key, message)
    if not 1 <= data.capacity <= MAX_CAPACITY:
        errors["capacity"] = f"每个时段可预约人数应为1至{MAX_CAPACITY}人"
    with db.write() as session:
        rule = session.get(ReceptionRule, data.id) if data.id is not None else None
        if data.id is not None and rule is None:
            errors.setdefault("id", "该接待日规则不存在")
        if errors:
            return Result.failure(errors, "接待日规则未保存：" + "；".join(errors.values()))
        uses_weekday = kind in (ReceptionRuleKind.WEEKDAY, ReceptionRuleKind.NTH_WEEKDAY)
        before = audit.snapshot(rule) if rule is not None else None
        if rule is None:
            rule = ReceptionRule()
            session.add(rule)
        rule.name = data.name.strip()
        rule.kind = kind
        rule.weekday = data.weekday if uses_weekday else None
        rule.nth = data.nth if kind is ReceptionRuleKind.NTH_WEEKDAY else None
        rule.slots = format_spans(parse_spans(data.slots))
        rule.place = data.place.strip()
        rule.on_day_off = policy
        rule.capacity = data.capacity
        rule.active = data.active
        rule.valid_from = data.valid_from
        rule.valid_to = data.valid_to
        description = describe_rule(rule_spec(rule))
        audit.record(
            session,
            actor=actor,
            action="save_reception_rule" if before else "create_reception_rule",
            entity=rule,
            summary=f"{rule.name}：{description}",
            before=before,
        )
        warnings: tuple[str, ...] = ()
        if uses_weekday and data.weekday is not None and data.weekday >= 5:
            warnings = ("星期六、星期日通常是休息日，只有调休上班的周末才会排班",)
        saved = Saved(rule.id, warnings)
    return Result.success(saved, f"已保存接待日规则：{description}")


def list_rules(db: Database) -> list[RuleRow]:
    with db.read() as session:
        rows = []
        for rule in session.scalars(select(ReceptionRule).order_by(ReceptionRule.id)):
            try:
                description = describe_rule(rule_spec(rule))
            except (SlotTextError, RuleError) as exc:
                description = f"设置有误：{exc}"
            rows.append(
                RuleRow(
                    id=rule.id,
                    name=rule.name,
                    kind=rule.kind,
                    description=description,
                    slots=rule.slots,
                    place=rule.place,
                    weekday=rule.weekday,
                    nth=rule.nth,
                    on_day_off=rule.on_day_off,
                    capacity=rule.capacity,
                    active=rule.active,
                    valid_from=rule.valid_from,
                    valid_to=rule.valid_to,
                )
            )
        return rows


def entries_between(session: Session, day_from: date, day_to: date) -> list[RosterEntry]:
    """Entries in ``[day_from, day_to]`` with leader and portfolio loaded (for services)."""
    return list(
        session.scalars(
            select(RosterEntry)
            .where(RosterEntry.day >= day_from, RosterEntry.day <= day_to)
            .options(selectinload(RosterEntry.leader).selectinload(Leader.categories))
            .order_by(RosterEntry.day, RosterEntry.start_time, RosterEntry.place, RosterEntry.id)
        )
    )


__all__ = [
    "ACTIVE_STATUSES",
    "CHANGE_KINDS",
    "ChangeOutcome",
    "ChangeRow",
    "EntryInput",
    "GenerationReport",
    "LeaderInput",
    "LeaderRow",
    "RosterRow",
    "RuleInput",
    "RuleRow",
    "Saved",
    "add_entry",
    "count_bookings",
    "fill_next_in_rotation",
    "generate_roster",
    "list_leaders",
    "list_roster",
    "list_rules",
    "remove_entry",
    "roster_entry",
    "roster_history",
    "save_leader",
    "save_reception_rule",
    "set_accompany",
    "substitute",
    "swap",
]
