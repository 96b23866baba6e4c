"""The holiday calendar the office keeps itself (节假日安排), as use cases.

* :func:`list_year` — a year's days off and make-up working days with their source:
  ``bundled`` (chinesecalendar, 2004–2026), ``office`` (entered here) or ``imported``
  (from a year file), and whether the year is complete (a ``CalendarYear`` row).
* :func:`parse_notice_input` — the clerk's notice lines (core/holiday_notice.py) to days.
* :func:`preview_year` / :func:`save_year` — the resulting days and every open deadline
  that would move (case, which deadline, old → new date), then the write: ``Holiday``
  rows replaced for that year, optionally marked complete, the open deadlines recomputed
  with one audit row each, 待核 flags cleared (services/deadline_recompute.py).
* :func:`override_day` / :func:`clear_override` — correct one day (e.g. a bundled year).
* :func:`mark_complete`, :func:`import_year_file`, :func:`export_year_file`.

After a change that covers roster slots generated on a guessed calendar (待核), the
roster of those dates is generated again through ``services.roster.generate_roster``
(its own transaction), which corrects auto slots and never touches manual changes;
manual slots on a day that is now a known working day just lose the flag.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.holiday_file import format_year_file, parse_year_file
from petitiondesk.core.holiday_notice import WEEKDAY_NAMES, YearDay, parse_notice
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.workcalendar import LIBRARY_YEARS, DayOverride, WorkCalendar, bundled_days
from petitiondesk.store.db import Database
from petitiondesk.store.models import CalendarYear, Holiday, RosterEntry

from . import audit, roster
from .calendar import load_calendar
from .deadline_recompute import DeadlineMove, PendingChange, apply_recompute, plan_recompute
from .result import Result

SOURCE_LABELS: Final = {"bundled": "内置数据", "office": "本单位录入", "imported": "导入"}
MIN_YEAR: Final = 2000
MAX_YEAR: Final = 2100


@dataclass(frozen=True)
class HolidayDay:
    day: date
    is_workday: bool
    name: str
    source: str  # bundled | office | imported

    @property
    def kind_label(self) -> str:
        return "上班" if self.is_workday else "放假"

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    def as_year_day(self) -> YearDay:
        return YearDay(self.day, self.is_workday, self.name)


@dataclass(frozen=True)
class YearListing:
    year: int
    days: tuple[HolidayDay, ...]
    complete: bool  # the office marked the year complete (CalendarYear row)
    bundled: bool  # chinesecalendar covers the year

    @property
    def covered(self) -> bool:
        """Deadlines in this year are definite, not estimates."""
        return self.complete or self.bundled


@dataclass(frozen=True)
class YearInput:
    """A year as entered: its days (from the notice lines or a file)."""

    year: int
    days: Sequence[YearDay]
    mark_complete: bool = False
    notice: str = ""  # the notice lines as typed, kept on the CalendarYear row
    source: str = "office"


@dataclass(frozen=True)
class YearPreview:
    year: int
    days: tuple[HolidayDay, ...]  # the year as it would be after saving
    changed_days: int  # office rows added, changed or removed
    completes: bool  # saving marks the year complete (or, from mark_complete, unmarks it)
    moves: tuple[DeadlineMove, ...]
    roster_flagged: int  # 待核 roster slots of the year that will be checked again

    @property
    def changes_anything(self) -> bool:
        return bool(self.changed_days or self.completes or self.moves)


@dataclass(frozen=True)
class YearSaved:
    preview: YearPreview
    roster_message: str = ""
    messages: tuple[str, ...] = field(default_factory=tuple)


def _year_errors(year: int) -> dict[str, str]:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return {"year": f"年份应在{MIN_YEAR}至{MAX_YEAR}之间"}
    return {}


def _rows(session: Session, year: int) -> dict[date, Holiday]:
    stmt = select(Holiday).where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return {h.day: h for h in session.scalars(stmt)}


def _merged(year: int, rows: Mapping[date, HolidayDay]) -> tuple[HolidayDay, ...]:
    days = {b.day: HolidayDay(b.day, b.is_workday, b.name, "bundled") for b in bundled_days(year)}
    days.update(rows)
    return tuple(days[d] for d in sorted(days))


def _as_days(rows: Mapping[date, Holiday]) -> dict[date, HolidayDay]:
    return {d: HolidayDay(d, h.is_workday, h.name, h.source) for d, h in rows.items()}


def _is_complete(session: Session, year: int) -> bool:
    return session.get(CalendarYear, year) is not None


def list_year(db: Database, year: int) -> YearListing:
    with db.read() as session:
        rows = _as_days(_rows(session, year))
        return YearListing(
            year, _merged(year, rows), _is_complete(session, year), year in LIBRARY_YEARS
        )


def parse_notice_input(text: str, year: int) -> Result[tuple[YearDay, ...]]:
    """The notice lines the clerk typed -> the year's days, or the bad lines (key
    ``notice``, one ``第N行：…`` per line) with nothing saved."""
    errors = _year_errors(year)
    if errors:
        return Result.failure(errors)
    parsed = parse_notice(text, year)
    if not parsed.ok:
        return Result.failure({"notice": "\n".join(str(e) for e in parsed.errors)})
    if not parsed.lines:
        return Result.failure({"notice": "请至少录入一行节假日安排"})
    return Result.success(parsed.days, f"共{len(parsed.lines)}个节日、{len(parsed.days)}天")


def _days_errors(year: int, days: Sequence[YearDay]) -> dict[str, str]:
    errors = _year_errors(year)
    seen: set[date] = set()
    for d in days:
        if d.day.year != year:
            errors.setdefault("days", f"{d.day.isoformat()}不在{year}年内")
        elif d.day in seen:
            errors.setdefault("days", f"{d.day.isoformat()}重复")
        elif d.is_workday and d.day.weekday() < 5:
            weekday = WEEKDAY_NAMES[d.day.weekday()]
            errors.setdefault("days", f"{d.day.isoformat()}是{weekday}，不能作为调休上班日")
        seen.add(d.day)
    return errors


@dataclass
class _Plan:
    """What a save would write: wanted office rows by date (None = remove the row)."""

    year: int
    wanted: dict[date, YearDay | None]
    source: str
    mark_complete: bool | None  # True mark, False unmark, None leave
    notice: str = ""


def _changed(plan: _Plan, rows: Mapping[date, Holiday]) -> dict[date, YearDay | None]:
    out: dict[date, YearDay | None] = {}
    for d, want in plan.wanted.items():
        have = rows.get(d)
        if want is None:
            if have is not None:
                out[d] = None
        elif have is None or (have.is_workday, have.name) != (want.is_workday, want.name):
            out[d] = want
    return out


def _calendar_after(
    session: Session, plan: _Plan, changes: Mapping[date, YearDay | None]
) -> WorkCalendar:
    overrides = {
        h.day: DayOverride(h.day, h.is_workday, h.name) for h in session.scalars(select(Holiday))
    }
    for d, want in changes.items():
        if want is None:
            overrides.pop(d, None)
        else:
            overrides[d] = DayOverride(d, want.is_workday, want.name)
    years = set(session.scalars(select(CalendarYear.year)))
    if plan.mark_complete is True:
        years.add(plan.year)
    elif plan.mark_complete is False:
        years.discard(plan.year)
    return WorkCalendar(overrides.values(), years)


def _roster_flagged(session: Session, year: int) -> list[RosterEntry]:
    stmt = select(RosterEntry).where(
        RosterEntry.calendar_uncovered,
        RosterEntry.day >= date(year, 1, 1),
        RosterEntry.day <= date(year, 12, 31),
    )
    return list(session.scalars(stmt.order_by(RosterEntry.day)))


def _preview(
    session: Session, plan: _Plan
) -> tuple[YearPreview, list[PendingChange], dict[date, YearDay | None]]:
    rows = _rows(session, plan.year)
    changes = _changed(plan, rows)
    complete_now = _is_complete(session, plan.year)
    completes = plan.mark_complete is not None and plan.mark_complete != complete_now
    pending: list[PendingChange] = []
    if changes or completes:
        pending = plan_recompute(session, _calendar_after(session, plan, changes))
    after = _as_days(rows)
    for d, want in changes.items():
        if want is None:
            after.pop(d, None)
        else:
            after[d] = HolidayDay(d, want.is_workday, want.name, plan.source)
    preview = YearPreview(
        year=plan.year,
        days=_merged(plan.year, after),
        changed_days=len(changes),
        completes=completes,
        moves=tuple(p.move for p in pending),
        roster_flagged=len(_roster_flagged(session, plan.year)) if changes or completes else 0,
    )
    return preview, pending, changes


def _write_rows(
    session: Session, plan: _Plan, changes: Mapping[date, YearDay | None], actor: str
) -> None:
    rows = _rows(session, plan.year)
    for d, want in sorted(changes.items()):
        row = rows.get(d)
        before = audit.snapshot(row) if row is not None else None
        if want is None:
            assert row is not None
            audit.record(
                session, actor=actor, action="remove_holiday", entity=row,
                summary=f"删除节假日安排 {d.isoformat()} {row.name}", before=before,
            )  # fmt: skip
            session.delete(row)
            continue
        if row is None:
            row = Holiday(day=d)
            session.add(row)
        row.is_workday, row.name, row.source = want.is_workday, want.name, plan.source
        audit.record(
            session, actor=actor, action="save_holiday", entity=row,
            summary=f"节假日安排 {d.isoformat()} {want.kind_label} {want.name}", before=before,
        )  # fmt: skip


def _write_year_flag(session: Session, plan: _Plan, actor: str) -> None:
    row = session.get(CalendarYear, plan.year)
    if plan.mark_complete is True and row is None:
        row = CalendarYear(year=plan.year, notice=plan.notice)
        session.add(row)
        audit.record(
            session, actor=actor, action="complete_calendar_year", entity=row,
            summary=f"{plan.year}年节假日安排已录入完整",
        )  # fmt: skip
    elif plan.mark_complete is False and row is not None:
        audit.record(
            session, actor=actor, action="reopen_calendar_year", entity=row,
            summary=f"{plan.year}年节假日安排改为未录入完整", before=audit.snapshot(row),
        )  # fmt: skip
        session.delete(row)


def _regenerate_roster(db: Database, year: int, actor: Actor) -> str:
    """Clear the flag of manual slots on days now known to be working days, then
    generate the roster again over the dates of the remaining 待核 slots."""
    with db.write() as session:
        calendar = load_calendar(session)
        flagged = _roster_flagged(session, year)
        for entry in flagged:
            info = calendar.day(entry.day)
            if (entry.manual or entry.rule_id is None) and info.covered and info.is_workday:
                before = audit.snapshot(entry)
                entry.calendar_uncovered = False
                audit.record(
                    session, actor=actor, action="roster_calendar_covered", entity=entry,
                    summary=f"节假日已录入，{entry.day.isoformat()} 的接待时段不再待核",
                    before=before,
                )  # fmt: skip
        auto = [e.day for e in flagged if not (e.manual or e.rule_id is None)]
        covered = [d for d in auto if calendar.is_covered(d)]
    if not covered:
        return ""
    result = roster.generate_roster(db, min(covered), max(covered), actor=actor)
    return result.message


def _run(db: Database, plan: _Plan, *, actor: str, write: bool) -> Result[YearSaved]:
    with db.write() if write else db.read() as session:
        preview, pending, changes = _preview(session, plan)
        if write and preview.changes_anything:
            _write_rows(session, plan, changes, actor)
            _write_year_flag(session, plan, actor)
            session.flush()
            apply_recompute(session, pending, actor=actor)
    roster_message = ""
    if write and preview.roster_flagged and isinstance(actor, Actor):
        roster_message = _regenerate_roster(db, plan.year, actor)
    return Result.success(YearSaved(preview, roster_message), _summary(preview, write))


def _summary(preview: YearPreview, written: bool) -> str:
    if not preview.changes_anything:
        return f"{preview.year}年节假日安排没有变化"
    moved = sum(m.moved for m in preview.moves)
    verb = "已保存" if written else "将保存"
    text = f"{verb}{preview.year}年节假日安排：{preview.changed_days}天有变动"
    if preview.moves:
        text += f"，{len(preview.moves)}个未办结期限重新计算（{moved}个日期变动）"
    return text


def _year_plan(session_rows: Mapping[date, Holiday], data: YearInput) -> _Plan:
    wanted: dict[date, YearDay | None] = dict.fromkeys(session_rows)
    wanted.update({d.day: d for d in data.days})
    return _Plan(data.year, wanted, data.source, True if data.mark_complete else None, data.notice)


def _checked_year_plan(db: Database, data: YearInput) -> Result[_Plan]:
    errors = _days_errors(data.year, data.days)
    if data.source not in ("office", "imported"):
        errors["source"] = "来源应为本单位录入或导入"
    if errors:
        return Result.failure(errors)
    with db.read() as session:
        return Result.success(_year_plan(_rows(session, data.year), data))


def preview_year(db: Database, data: YearInput) -> Result[YearPreview]:
    """What saving ``data`` would do (nothing is written): the year's days afterwards and
    every open deadline that would move (``YearPreview.moves``)."""
    plan = _checked_year_plan(db, data)
    if not plan.ok:
        return Result.failure(plan.errors)
    done = _run(db, plan.unwrap(), actor="", write=False)
    return Result.success(done.unwrap().preview, done.message)


def save_year(db: Database, data: YearInput, *, actor: Actor) -> Result[YearSaved]:
    """Replace the office's rows of ``data.year`` with ``data.days`` (bundled days not in
    ``data.days`` stay as bundled), optionally mark the year complete, recompute the open
    deadlines. Saving the same days again changes nothing and writes nothing."""
    if why := refusal(actor, Permission.CALENDAR):
        return Result.failure({"": why})
    plan = _checked_year_plan(db, data)
    if not plan.ok:
        return Result.failure(plan.errors)
    return _run(db, plan.unwrap(), actor=actor, write=True)


def override_day(
    db: Database, day: YearDay, *, actor: Actor, preview: bool = False
) -> Result[YearSaved]:
    """Correct one day (a bundled year is corrected day by day this way)."""
    if why := refusal(actor, Permission.CALENDAR):
        return Result.failure({"": why})
    errors = _days_errors(day.day.year, [day])
    if errors:
        return Result.failure(errors)
    plan = _Plan(day.day.year, {day.day: day}, "office", None)
    return _run(db, plan, actor=actor, write=not preview)


def clear_override(db: Database, day: date, *, actor: Actor) -> Result[YearSaved]:
    """Remove the office's row for ``day`` (the bundled data or Mon–Fri applies again)."""
    if why := refusal(actor, Permission.CALENDAR):
        return Result.failure({"": why})
    return _run(db, _Plan(day.year, {day: None}, "office", None), actor=actor, write=True)


def mark_complete(
    db: Database, year: int, *, actor: Actor, complete: bool = True, preview: bool = False
) -> Result[YearSaved]:
    """Declare that the year's State Council notice is entered in full (or take it back);
    deadlines in the year stop (or start) being estimates."""
    if why := refusal(actor, Permission.CALENDAR):
        return Result.failure({"": why})
    errors = _year_errors(year)
    if errors:
        return Result.failure(errors)
    return _run(db, _Plan(year, {}, "office", complete), actor=actor, write=not preview)


def import_year_file(
    db: Database, path: Path, *, actor: Actor, mark_complete: bool = False, preview: bool = False
) -> Result[YearSaved]:
    """Read a year file (core/holiday_file.py) and save it as source ``imported``. A bad
    line refuses the whole file (key ``file``, ``第N行：…``); nothing is saved."""
    if why := refusal(actor, Permission.CALENDAR):
        return Result.failure({"": why})
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Result.failure({"file": f"无法读取文件 {path.name}：{exc}"})
    parsed = parse_year_file(text)
    if not parsed.ok or parsed.year is None:
        return Result.failure({"file": "\n".join(str(e) for e in parsed.errors)})
    data = YearInput(parsed.year, parsed.days, mark_complete, source="imported")
    plan = _checked_year_plan(db, data)
    if not plan.ok:
        return Result.failure(plan.errors)
    return _run(db, plan.unwrap(), actor=actor, write=not preview)


def export_year_file(db: Database, year: int, path: Path) -> Result[Path]:
    """Write the year's days (bundled and the office's) as a year file."""
    errors = _year_errors(year)
    if errors:
        return Result.failure(errors)
    listing = list_year(db, year)
    if not listing.days:
        return Result.failure({"year": f"{year}年没有任何节假日安排可导出"})
    try:
        path.write_text(format_year_file(d.as_year_day() for d in listing.days), encoding="utf-8")
    except OSError as exc:
        return Result.failure({"file": f"无法写入文件 {path.name}：{exc}"})
    return Result.success(path, f"已导出{year}年节假日安排（{len(listing.days)}天）到 {path}")
