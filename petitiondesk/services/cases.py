"""Read side of the register: case lists (paged, for lazy tables), details, reference data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from petitiondesk.core.enums import CaseStatus, Channel, Sex
from petitiondesk.store.db import Database
from petitiondesk.store.models import IssueCategory, Leader, OfficeSettings, Petition, Petitioner


@dataclass(frozen=True)
class CaseRow:
    """One line of a register list or ledger."""

    id: int
    register_no: str
    received_at: datetime
    channel: Channel
    name: str
    sex: Sex
    id_number: str
    phone: str
    address: str
    people_count: int
    category: str
    place: str
    summary: str
    demands: str
    receiving_officer: str
    duty_leader: str
    status: CaseStatus
    repeat_of: str
    flags: str


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    work_unit: str
    handling_opinion: str
    result: str
    representatives: tuple[str, ...]
    letter_date: date | None
    postmark: str
    acceptance_due: date | None
    confidential: bool
    accused: str


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class ReferenceData:
    office_name: str
    letterhead: str
    default_receiving_officer: str
    categories: tuple[Choice, ...]
    leaders: tuple[Choice, ...]


def flags_text(p: Petition) -> str:
    parts: list[str] = []
    if p.repeat_of is not None:
        parts.append(f"重复访（前次 {p.repeat_of.register_no}）")
    if p.is_group:
        parts.append(f"集体访（{p.people_count}人）")
    if p.skipped_level:
        parts.append("越级访")
    if p.urgent:
        parts.append("急件")
    if p.anonymous:
        parts.append("匿名")
    if p.confidential:
        parts.append("检举控告（保密）")
    return "；".join(parts)


def _row(p: Petition) -> CaseRow:
    person = p.petitioner
    leader = p.duty_leader
    return CaseRow(
        id=p.id,
        register_no=p.register_no,
        received_at=p.received_at,
        channel=p.channel,
        name=person.name if person else "匿名",
        sex=person.sex if person else Sex.UNKNOWN,
        id_number=(person.id_number or "") if person else "",
        phone=person.phone if person else "",
        address=person.address if person else "",
        people_count=p.people_count,
        category=p.category.name if p.category else "",
        place=p.place,
        summary=p.summary,
        demands=p.demands,
        receiving_officer=p.receiving_officer,
        duty_leader=f"{leader.name}" if leader else "",
        status=p.status,
        repeat_of=p.repeat_of.register_no if p.repeat_of else "",
        flags=flags_text(p),
    )


def _with_relations(stmt: Select[Petition]) -> Select[Petition]:
    return stmt.options(
        joinedload(Petition.petitioner),
        joinedload(Petition.category),
        joinedload(Petition.duty_leader),
        joinedload(Petition.repeat_of),
    )


def _filtered(
    year: int | None = None,
    status: CaseStatus | None = None,
    day_from: date | None = None,
    day_to: date | None = None,
) -> Select[Petition]:
    stmt = select(Petition)
    if year is not None:
        stmt = stmt.where(Petition.year == year)
    if status is not None:
        stmt = stmt.where(Petition.status == status)
    if day_from is not None:
        stmt = stmt.where(Petition.received_at >= datetime.combine(day_from, time.min))
    if day_to is not None:
        stmt = stmt.where(
            Petition.received_at < datetime.combine(day_to + timedelta(days=1), time.min)
        )
    return stmt


def iter_cases(
    db: Database,
    *,
    year: int | None = None,
    status: CaseStatus | None = None,
    batch: int = 1000,
) -> Iterator[CaseRow]:
    """All matching cases in register order, fetched in batches (for CLI and exports)."""
    last_id = 0
    while True:
        with db.read() as session:
            stmt = (
                _with_relations(_filtered(year, status))
                .where(Petition.id > last_id)
                .order_by(Petition.id)
                .limit(batch)
            )
            rows = [_row(p) for p in session.scalars(stmt).unique()]
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def count_cases(db: Database, *, day_from: date | None = None, day_to: date | None = None) -> int:
    with db.read() as session:
        stmt = _filtered(day_from=day_from, day_to=day_to).with_only_columns(
            func.count(Petition.id)
        )
        return int(session.scalar(stmt) or 0)


def page_cases(
    db: Database,
    *,
    offset: int,
    limit: int,
    day_from: date | None = None,
    day_to: date | None = None,
) -> list[CaseRow]:
    """A page of cases, newest first (the lazy table model fetches these)."""
    with db.read() as session:
        stmt = (
            _with_relations(_filtered(day_from=day_from, day_to=day_to))
            .order_by(Petition.received_at.desc(), Petition.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [_row(p) for p in session.scalars(stmt).unique()]


def _load(session: Session, register_no: str) -> Petition | None:
    stmt = _with_relations(select(Petition).where(Petition.register_no == register_no)).options(
        selectinload(Petition.representatives)
    )
    return session.scalars(stmt).unique().one_or_none()


def case_detail(db: Database, register_no: str) -> CaseDetail | None:
    with db.read() as session:
        p = _load(session, register_no.strip())
        if p is None:
            return None
        return CaseDetail(
            row=_row(p),
            work_unit=p.petitioner.work_unit if p.petitioner else "",
            handling_opinion=p.handling_opinion,
            result=p.result,
            representatives=tuple(
                f"{r.name}" + (f"（{r.phone}）" if r.phone else "") for r in p.representatives
            ),
            letter_date=p.letter_date,
            postmark=p.postmark,
            acceptance_due=p.acceptance_due,
            confidential=p.confidential,
            accused=p.accused,
        )


def reference_data(db: Database) -> ReferenceData:
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        categories = tuple(
            Choice(c.id, c.name)
            for c in session.scalars(
                select(IssueCategory).where(IssueCategory.active).order_by(IssueCategory.sort_order)
            )
        )
        leaders = tuple(
            Choice(leader.id, f"{leader.name}（{leader.title}）" if leader.title else leader.name)
            for leader in session.scalars(
                select(Leader).where(Leader.active).order_by(Leader.rotation_order, Leader.id)
            )
        )
        return ReferenceData(
            office_name=office.name if office else "",
            letterhead=(office.letterhead or office.name) if office else "",
            default_receiving_officer=office.default_receiving_officer if office else "",
            categories=categories,
            leaders=leaders,
        )


@dataclass(frozen=True)
class KnownPetitioner:
    id: int
    name: str
    sex: Sex
    phone: str
    address: str
    work_unit: str
    earlier_cases: int


def find_petitioner_by_id_number(db: Database, id_number: str) -> KnownPetitioner | None:
    """A petitioner already on file with this ID number (to prefill the form)."""
    with db.read() as session:
        person = session.scalar(
            select(Petitioner).where(Petitioner.id_number == id_number.strip().upper())
        )
        if person is None:
            return None
        earlier = session.scalar(
            select(func.count(Petition.id)).where(Petition.petitioner_id == person.id)
        )
        return KnownPetitioner(
            id=person.id,
            name=person.name,
            sex=person.sex,
            phone=person.phone,
            address=person.address,
            work_unit=person.work_unit,
            earlier_cases=int(earlier or 0),
        )
