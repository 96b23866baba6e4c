"""The office's own holiday calendar: entering 2027 moves open deadlines, with preview,
audit rows and cleared 待核 flags; year files import once and refuse bad lines."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from petitiondesk.core.enums import AcceptanceDecision, DayUnit
from petitiondesk.core.holiday_notice import YearDay
from petitiondesk.services import holidays
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.calendar import calendar_status
from petitiondesk.services.deadline_rules import RuleInput, update_deadline_rule
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, CalendarYear, Holiday, Petition
from tests.helpers import actor, admin, visit_input

# Invented for the test: chinesecalendar stops at 2026.
NOTICE_2027 = """\
元旦 1月1日放假
春节 2月6日至2月12日放假，1月31日（周日）、2月20日（周六）上班
"""


def audit_rows(db: Database, action: str) -> list[AuditLog]:
    with db.read() as session:
        rows = list(session.scalars(select(AuditLog).where(AuditLog.action == action)))
        session.expunge_all()
        return rows


def count_rows(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def petition(db: Database, register_no: str) -> Petition:
    """The petition row, detached with its column values loaded."""
    with db.read() as session:
        found = session.scalar(select(Petition).where(Petition.register_no == register_no))
        assert found is not None
        session.expunge(found)
        return found


def open_cases(db: Database) -> tuple[str, str]:
    """An accepted case whose 60-day limit falls on 2027-02-08 (inside the invented
    春节 break) and an undecided one whose 15-day notice limit falls on 2027-01-12."""
    accepted = register_visit(
        db, visit_input(received_at=datetime(2026, 12, 9, 9, 0)), actor=actor("a"),
        now=datetime(2026, 12, 9, 10, 0),
    ).unwrap()  # fmt: skip
    decide_acceptance(
        db, accepted.register_no, AcceptanceInput(AcceptanceDecision.ACCEPT, date(2026, 12, 10)),
        actor=actor("a"), today=date(2026, 12, 10),
    ).unwrap()  # fmt: skip
    pending = register_visit(
        db, visit_input(received_at=datetime(2026, 12, 28, 9, 0)),
        actor=actor("a"), now=datetime(2026, 12, 28, 10, 0),
    )  # fmt: skip
    assert pending.ok, pending.errors
    return accepted.register_no, pending.unwrap().register_no


def year_2027(mark_complete: bool = True) -> holidays.YearInput:
    days = holidays.parse_notice_input(NOTICE_2027, 2027).unwrap()
    return holidays.YearInput(2027, days, mark_complete=mark_complete, notice=NOTICE_2027)


def test_entering_2027_makes_the_flagged_handling_deadline_definite_and_moves_it(
    db: Database,
) -> None:
    accepted_no, pending_no = open_cases(db)
    before = petition(db, accepted_no)
    assert (before.handling_due, before.handling_due_uncovered) == (date(2027, 2, 8), True)
    assert petition(db, pending_no).acceptance_due_uncovered
    assert calendar_status(db, date(2026, 12, 1)).is_estimate(date(2027, 2, 8))

    preview = holidays.preview_year(db, year_2027()).unwrap()
    assert [m.text for m in preview.moves] == [
        f"{accepted_no} 办理期限 2027-02-08 → 2027-02-15（已确定）",
        f"{pending_no} 受理告知期限 2027-01-12 → 2027-01-12（已确定）",
    ]
    assert [m.moved for m in preview.moves] == [True, False]
    assert preview.changed_days == 10 and preview.completes
    assert count_rows(db, Holiday) == 0  # a preview writes nothing

    saved = holidays.save_year(db, year_2027(), actor=admin())
    assert saved.ok, saved.errors
    after = petition(db, accepted_no)
    assert (after.handling_due, after.handling_due_uncovered) == (date(2027, 2, 15), False)
    undecided = petition(db, pending_no)
    assert (undecided.acceptance_due, undecided.acceptance_due_uncovered) == (
        date(2027, 1, 12),
        False,
    )
    rows = audit_rows(db, "recompute_deadline")
    assert len(rows) == 2
    moved = next(r for r in rows if r.entity_id == after.id)
    assert json.loads(moved.before)["handling_due"] == "2027-02-08"
    assert json.loads(moved.after)["handling_due"] == "2027-02-15"
    assert "办理期限 2027-02-08 → 2027-02-15" in moved.summary
    listing = holidays.list_year(db, 2027)
    assert listing.complete and not listing.bundled
    assert {d.source for d in listing.days} == {"office"}
    assert not calendar_status(db, date(2026, 12, 1)).is_estimate(date(2027, 2, 8))

    again = holidays.save_year(db, year_2027(), actor=admin())
    assert again.message == "2027年节假日安排没有变化"
    assert len(audit_rows(db, "recompute_deadline")) == 2


def test_days_entered_without_completing_the_year_stay_estimates(db: Database) -> None:
    accepted_no, _pending_no = open_cases(db)
    holidays.save_year(db, year_2027(mark_complete=False), actor=admin()).unwrap()
    row = petition(db, accepted_no)
    # The break is known (the date moves) but the year is not complete: still 待核.
    assert (row.handling_due, row.handling_due_uncovered) == (date(2027, 2, 15), True)
    done = holidays.mark_complete(db, 2027, actor=admin()).unwrap()
    assert [m.text for m in done.preview.moves][0].endswith("2027-02-15 → 2027-02-15（已确定）")
    assert not petition(db, accepted_no).handling_due_uncovered


def test_editing_a_rule_never_changes_a_deadline_already_set(db: Database) -> None:
    accepted_no, pending_no = open_cases(db)
    edited = RuleInput("acceptance_notice", "告知是否受理", 20, DayUnit.CALENDAR, True, "")
    update_deadline_rule(db, edited, actor=admin()).unwrap()
    assert petition(db, pending_no).acceptance_due == date(2027, 1, 12)
    # Recomputing after the calendar change uses the rule the deadline was set with.
    holidays.save_year(db, year_2027(), actor=admin()).unwrap()
    assert petition(db, pending_no).acceptance_due == date(2027, 1, 12)
    # A new case uses the new rule.
    new = register_visit(
        db, visit_input(received_at=datetime(2026, 12, 29, 9, 0)), actor=actor("a"),
        now=datetime(2026, 12, 29, 10, 0),
    ).unwrap()  # fmt: skip
    assert new.acceptance_due == date(2027, 1, 18)  # 2027-01-18 is a Monday


def test_bundled_year_is_listed_read_only_and_overridden_day_by_day(db: Database) -> None:
    listing = holidays.list_year(db, 2026)
    assert listing.bundled and listing.covered
    assert all(d.source == "bundled" for d in listing.days)
    first = listing.days[0]
    changed = YearDay(first.day, first.is_workday, first.name + "（本单位）")
    holidays.override_day(db, changed, actor=admin()).unwrap()
    row = next(d for d in holidays.list_year(db, 2026).days if d.day == first.day)
    assert (row.source, row.name) == ("office", first.name + "（本单位）")
    holidays.clear_override(db, first.day, actor=admin()).unwrap()
    assert holidays.list_year(db, 2026).days[0].source == "bundled"


def test_a_makeup_day_on_a_weekday_is_refused(db: Database) -> None:
    result = holidays.parse_notice_input("春节 2月6日至2月12日放假，2月4日、2月15日上班", 2027)
    assert not result.ok
    assert result.errors["notice"].startswith("第1行：2月4日是星期四")
    bad = holidays.override_day(db, YearDay(date(2027, 2, 4), True, "春节"), actor=admin())
    assert "days" in bad.errors


# --- year files ------------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    accepted_no, _pending_no = open_cases(db)
    path = tmp_path / "2027.csv"
    path.write_text(
        "日期,类型,节日\n2027-02-08,放假,春节\n2027-02-09,放假,春节\n", encoding="utf-8"
    )
    first = holidays.import_year_file(db, path, actor=admin(), mark_complete=True).unwrap()
    assert first.preview.changed_days == 2
    assert petition(db, accepted_no).handling_due == date(2027, 2, 10)
    audit_count = count_rows(db, AuditLog)
    second = holidays.import_year_file(db, path, actor=admin(), mark_complete=True)
    assert second.ok and not second.unwrap().preview.changes_anything
    assert count_rows(db, AuditLog) == audit_count
    assert count_rows(db, Holiday) == 2
    assert {d.source for d in holidays.list_year(db, 2027).days} == {"imported"}


def test_a_bad_line_refuses_the_file_and_saves_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_text(
        "日期,类型,节日\n2027-02-08,放假,春节\n2027-02-30,放假,春节\n", encoding="utf-8"
    )
    result = holidays.import_year_file(db, path, actor=admin(), mark_complete=True)
    assert not result.ok
    assert result.errors["file"] == "第3行：日期“2027-02-30”无效，应写作 2027-02-06"
    assert count_rows(db, Holiday) == 0 and count_rows(db, CalendarYear) == 0


def test_export_then_import_into_a_fresh_database_gives_identical_days(
    db: Database, tmp_path: Path
) -> None:
    holidays.save_year(db, year_2027(), actor=admin()).unwrap()
    out = tmp_path / "2027.csv"
    assert holidays.export_year_file(db, 2027, out).ok
    fresh = Database.open(tmp_path / "other.sqlite", create=True)
    ensure_defaults(fresh)
    holidays.import_year_file(fresh, out, actor=admin(), mark_complete=True).unwrap()

    def days(database: Database) -> list[tuple[date, bool, str]]:
        return [(d.day, d.is_workday, d.name) for d in holidays.list_year(database, 2027).days]

    assert days(fresh) == days(db) and len(days(db)) == 10
    assert holidays.list_year(fresh, 2027).complete
    fresh.close()


# --- status line ---------------------------------------------------------------------


def test_calendar_status_warns_from_october_while_next_year_is_missing(db: Database) -> None:
    early = calendar_status(db, date(2026, 9, 30))
    assert early.last_complete_year == 2026 and early.next_year_missing and not early.warning
    late = calendar_status(db, date(2026, 10, 1))
    assert late.warning.startswith("2027年节假日安排尚未录入")
    in_2027 = calendar_status(db, date(2027, 1, 5))
    assert in_2027.last_complete_year == 2026
    assert in_2027.warning.startswith("2027年节假日安排尚未录入完整")
    holidays.save_year(db, year_2027(), actor=admin()).unwrap()
    done = calendar_status(db, date(2026, 12, 1))
    assert done.last_complete_year == 2027 and not done.warning
    assert done.is_estimate(date(2028, 1, 3))


# --- roster ----------------------------------------------------------------------------


def test_entering_the_year_corrects_flagged_roster_slots_and_keeps_manual_changes(
    db: Database,
) -> None:
    from petitiondesk.core.enums import ReceptionRuleKind
    from petitiondesk.services import roster

    rule = roster.RuleInput(
        "每周一接待", ReceptionRuleKind.WEEKDAY, "08:30-12:00", "接待室", weekday=0
    )
    roster.save_reception_rule(db, rule, actor=actor("clerk")).unwrap()
    roster.generate_roster(db, date(2027, 2, 1), date(2027, 2, 28), actor=actor("clerk")).unwrap()
    rows = roster.list_roster(db, date(2027, 2, 1), date(2027, 2, 28))
    assert [r.day.day for r in rows] == [1, 8, 15, 22]
    assert all(r.calendar_uncovered for r in rows)
    feb15 = next(r for r in rows if r.day == date(2027, 2, 15))
    other = next(leader for leader in roster.list_leaders(db) if leader.name != feb15.leader_name)
    roster.substitute(db, feb15.entry_id, other.id, reason="出差", actor=actor("clerk")).unwrap()

    saved = holidays.save_year(db, year_2027(), actor=admin()).unwrap()
    assert saved.preview.roster_flagged == 4
    after = roster.list_roster(db, date(2027, 2, 1), date(2027, 2, 28))
    assert [r.day.day for r in after] == [1, 15, 22]  # 2-08 is now a day off of 春节
    assert not any(r.calendar_uncovered for r in after)
    kept = next(r for r in after if r.day == date(2027, 2, 15))
    assert kept.leader_name == other.name
