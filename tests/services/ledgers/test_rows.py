"""services.ledgers: every ledger's rows come from one Core query over any date range,
and their count matches the database."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from petitiondesk.core.enums import AppointmentStatus
from petitiondesk.core.masking import mask_phone
from petitiondesk.printing.ledgerspec import load_ledger
from petitiondesk.services.cases import iter_cases
from petitiondesk.services.ledgers import LEDGERS, ledger
from petitiondesk.services.ledgers.register import LedgerExtra, register_ledger_row
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Appointment,
    Closure,
    ConversationRecord,
    Leader,
    Petition,
    Referral,
    RosterEntry,
    SupervisionSlip,
)
from tests.services.ledgers.conftest import ALL


def _scalar(db: Database, stmt: object) -> int:
    with db.read() as session:
        return int(session.scalar(stmt) or 0)  # type: ignore[call-overload]


def expected_counts(db: Database) -> dict[str, int]:
    return {
        "register": _scalar(db, select(func.count(Petition.id))),
        "referral": _scalar(db, select(func.count(Referral.id))),
        "supervision": _scalar(db, select(func.count(SupervisionSlip.id))),
        "closure": _scalar(
            db, select(func.count(Closure.id)).where(Closure.closed_at.is_not(None))
        ),
        "reception": _scalar(db, select(func.count(ConversationRecord.id))),
    }


@pytest.mark.parametrize("key", sorted(LEDGERS))
def test_rows_match_the_database_and_fill_every_column(demo: Database, key: str) -> None:
    item = ledger(key)
    rows = list(item.rows(demo, *ALL))
    assert len(rows) == expected_counts(demo)[key] == item.count(demo, *ALL)
    assert rows, f"the demo has no {key} rows"
    keys = {column.key for column in load_ledger(item.form).columns}
    for row in rows:
        assert keys <= row.keys()


def test_register_rows_equal_the_case_list_rows(demo: Database) -> None:
    """The streamed query gives what the ORM case list gave, row for row."""
    with demo.read() as session:
        extras = {
            pid: LedgerExtra(*rest)
            for pid, *rest in session.execute(
                select(Petition.id, Petition.acceptance, Petition.notice_no,
                       Petition.redirect_body, Petition.letter_date)
            )
        }  # fmt: skip
    old = [register_ledger_row(row, extras[row.id]) for row in iter_cases(demo)]
    assert list(ledger("register").rows(demo, *ALL)) == old


def test_a_range_selects_its_days_only(demo: Database) -> None:
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    rows = list(ledger("register").rows(demo, start, end))
    low, high = datetime.combine(start, time.min), datetime.combine(date(2026, 4, 1), time.min)
    expected = _scalar(
        demo,
        select(func.count(Petition.id)).where(
            Petition.received_at >= low, Petition.received_at < high
        ),
    )
    assert len(rows) == expected
    assert all(start <= row["received_at"].date() <= end for row in rows)  # type: ignore[attr-defined]
    assert list(ledger("register").rows(demo, end, start)) == []


@pytest.mark.parametrize("key", ["register", "referral", "closure"])
def test_outside_use_masks_phones(demo: Database, key: str) -> None:
    inside = list(ledger(key).rows(demo, *ALL))
    outside = list(ledger(key).rows(demo, *ALL, outside=True))
    assert [r["phone"] for r in outside] == [mask_phone(str(r["phone"])) for r in inside]
    assert any(r["phone"] != o["phone"] for r, o in zip(inside, outside, strict=True))


def test_reception_record_lists_seen_appointments_without_a_record(db: Database) -> None:
    with db.write() as session:
        leader = session.scalars(select(Leader).where(Leader.name == "张建国")).one()
        entry = RosterEntry(
            day=date(2026, 10, 12), start_time=time(8, 30), end_time=time(12, 0),
            place="县信访接待中心", leader_id=leader.id,
        )  # fmt: skip
        session.add(entry)
        session.flush()
        for number, (name, status) in enumerate(
            [("王秀英", AppointmentStatus.SEEN), ("李四", AppointmentStatus.NO_SHOW)], start=1
        ):
            session.add(
                Appointment(
                    entry_id=entry.id,
                    queue_no=number,
                    visitor_name=name,
                    summary="反映拆迁补偿款未按协议发放。",
                    status=status,
                )  # fmt: skip
            )
    rows = list(ledger("reception").rows(db, date(2026, 10, 1), date(2026, 10, 31)))
    assert len(rows) == 1 == ledger("reception").count(db, date(2026, 10, 1), date(2026, 10, 31))
    row = rows[0]
    assert row["day"] == date(2026, 10, 12) and row["time"] == "08:30"
    assert row["visitors"] == "王秀英" and row["leader"] == "张建国（局长）"
    assert row["issues"] == "反映拆迁补偿款未按协议发放。" and row["place"] == "县信访接待中心"
    assert list(ledger("reception").rows(db, date(2026, 11, 1), date(2026, 11, 30))) == []


def test_reception_record_of_the_demo_has_instructions(demo: Database) -> None:
    rows = list(ledger("reception").rows(demo, *ALL))
    assert all(row["leader"] and row["visitors"] and row["issues"] for row in rows)
    assert any(row["instructions"] for row in rows)
    days = [(row["day"], row["time"]) for row in rows]
    assert days == sorted(days)  # type: ignore[type-var]
