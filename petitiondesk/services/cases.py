"""Read side of the register: case lists (paged, for lazy tables), details, reference data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from petitiondesk.core.enums import CaseStatus, Channel, Sex
from petitiondesk.core.identity import Actor
from petitiondesk.core.registerno import format_register_no, parse_register_no
from petitiondesk.store import search_index
from petitiondesk.store.db import Database
from petitiondesk.store.models import IssueCategory, Leader, OfficeSettings, Petition, Petitioner

from .visibility import Visibility, case_condition, hidden, redact_identity, visibility


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
    #: The row's version when read (an edit form hands it back: issue 14).
    version: int | None = field(default=None, compare=False)


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
    return case_flags(
        p.repeat_of.register_no if p.repeat_of is not None else None,
        is_group=p.is_group,
        people_count=p.people_count,
        skipped_level=p.skipped_level,
        urgent=p.urgent,
        anonymous=p.anonymous,
        confidential=p.confidential,
    )


def case_flags(
    repeat_of: str | None,
    *,
    is_group: bool,
    people_count: int,
    skipped_level: bool,
    urgent: bool,
    anonymous: bool,
    confidential: bool,
) -> str:
    """The 标记 text of a case from its plain column values (``repeat_of``: the earlier
    case's register number, None when not a repeat)."""
    parts: list[str] = []
    if repeat_of is not None:
        parts.append(f"重复访（前次 {repeat_of}）")
    if is_group:
        parts.append(f"集体访（{people_count}人）")
    if skipped_level:
        parts.append("越级访")
    if urgent:
        parts.append("急件")
    if anonymous:
        parts.append("匿名")
    if confidential:
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
        version=p.version,
    )


def _seen_row(p: Petition, vis: Visibility) -> CaseRow:
    return redact_identity(_row(p), hidden(vis, p))


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


def count_cases(
    db: Database,
    *,
    day_from: date | None = None,
    day_to: date | None = None,
    actor: Actor | None = None,
) -> int:
    """How many cases were received in the day range (that ``actor`` may see)."""
    with db.read() as session:
        vis = visibility(session, actor)
        stmt = (
            _filtered(day_from=day_from, day_to=day_to)
            .where(case_condition(vis))
            .with_only_columns(func.count(Petition.id))
        )
        return int(session.scalar(stmt) or 0)


def page_cases(
    db: Database,
    *,
    offset: int,
    limit: int,
    day_from: date | None = None,
    day_to: date | None = None,
    actor: Actor | None = None,
) -> list[CaseRow]:
    """A page of cases, newest first (the lazy table model fetches these); with ``actor``
    only the cases it may see, confidential ones redacted unless its role may see them."""
    with db.read() as session:
        vis = visibility(session, actor)
        stmt = (
            _with_relations(_filtered(day_from=day_from, day_to=day_to))
            .where(case_condition(vis))
            .order_by(Petition.received_at.desc(), Petition.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [_seen_row(p, vis) for p in session.scalars(stmt).unique()]


def load_case(session: Session, register_no: str) -> Petition | None:
    stmt = _with_relations(select(Petition).where(Petition.register_no == register_no)).options(
        selectinload(Petition.representatives)
    )
    return session.scalars(stmt).unique().one_or_none()


def case_detail(db: Database, register_no: str) -> CaseDetail | None:
    """One case in full (the office's own paths; the window: :func:`case_view.open_case`)."""
    with db.read() as session:
        p = load_case(session, register_no.strip())
        return detail_of(p) if p is not None else None


def detail_of(p: Petition) -> CaseDetail:
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
    """A petitioner on file, as the intake form's look-up shows it."""

    id: int
    name: str
    sex: Sex
    phone: str
    address: str
    work_unit: str
    earlier_cases: int
    id_number: str = ""
    last_received: datetime | None = None  # the latest petition's received time
    match: str = ""  # why the look-up found this person: 同一身份证号 / 同一电话 / 同名同址


def find_petitioner_by_id_number(db: Database, id_number: str) -> KnownPetitioner | None:
    """A petitioner already on file with this ID number (to prefill the form)."""
    with db.read() as session:
        person = session.scalar(
            select(Petitioner).where(Petitioner.id_number == id_number.strip().upper())
        )
        if person is None:
            return None
        return known_petitioner(session, person)


def known_petitioner(session: Session, person: Petitioner, match: str = "") -> KnownPetitioner:
    """``person`` with the count and date of their petitions on file."""
    earlier, last = session.execute(
        select(func.count(Petition.id), func.max(Petition.received_at)).where(
            Petition.petitioner_id == person.id
        )
    ).one()
    return KnownPetitioner(
        id=person.id,
        name=person.name,
        sex=person.sex,
        phone=person.phone,
        address=person.address,
        work_unit=person.work_unit,
        earlier_cases=int(earlier or 0),
        id_number=person.id_number or "",
        last_received=last,
        match=match,
    )


# --- search (the register's one search box) --------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    """The search box and its filters; empty text lists everything the filters pass.

    What ``text`` matches depends on what was typed, so that each kind of search can use
    an index on a ten-year register:

    * a whole register number (2026-00012, full-width too): that case;
    * digits (and ``-``, a final ``X``): the beginning of a register number, ID number or
      phone number, or — up to five digits — the sequence part of a register number
      ("12" finds 2025-00012 and 2026-00012);
    * anything else: the beginning of the petitioner's name (surname first: "王" finds
      王秀英), or the text anywhere in the summary (反映的主要问题), literally — ``%`` and
      ``_`` are not wildcards. The summary part scans the register (no index can help a
      match in the middle of Chinese text): about 0.2–0.5 s at a million cases, so run it
      off the UI thread; the date, category, channel and status filters narrow it.
      ``in_summary=False`` leaves the summary out: names and numbers only, always fast
      (e.g. instant results while typing, then the full search in the background).
    """

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    channel: Channel | None = None
    category_id: int | None = None
    status: CaseStatus | None = None
    in_summary: bool = True


LIKE_ESCAPE = "\\"
# Digits, hyphens and a final X: a register, ID or phone number (or the start of one).
_NUMBERISH = re.compile(r"[0-9][0-9-]*[Xx]?")


def like_contains(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with ``%``, ``_`` and the escape
    character itself taken literally (use with ``escape=LIKE_ESCAPE``)."""
    escaped = (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


def _starts_with(column: Any, text: str) -> ColumnElement[bool]:
    """``column`` begins with ``text``, as an index range (a LIKE 'x%' would not use
    the column's index under SQLite's default case-insensitive LIKE)."""
    return and_(column >= text, column < text + "\U0010ffff")


def _number_condition(text: str) -> ColumnElement[bool] | None:
    """What a register, ID or phone number (or its beginning) matches; None for text."""
    try:  # a whole register number: one index probe
        number = format_register_no(*parse_register_no(text))
    except ValueError:
        pass
    else:
        return Petition.register_no == number
    if not _NUMBERISH.fullmatch(text):
        return None
    digits = text.upper()
    people = select(Petitioner.id).where(
        or_(_starts_with(Petitioner.id_number, digits), _starts_with(Petitioner.phone, digits))
    )
    matches = [
        _starts_with(Petition.register_no, digits),
        Petition.petitioner_id.in_(people.scalar_subquery()),
    ]
    if digits.isdigit() and len(digits) <= 5:  # the sequence part: "12" → ????-00012
        matches.append(Petition.seq == int(digits))
    return or_(*matches)


def _filter_conditions(query: SearchQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.date_from is not None:
        conditions.append(Petition.received_at >= datetime.combine(query.date_from, time.min))
    if query.date_to is not None:
        conditions.append(
            Petition.received_at < datetime.combine(query.date_to + timedelta(days=1), time.min)
        )
    if query.channel is not None:
        conditions.append(Petition.channel == query.channel)
    if query.category_id is not None:
        conditions.append(Petition.category_id == query.category_id)
    if query.status is not None:
        conditions.append(Petition.status == query.status)
    return conditions


def _search_select(query: SearchQuery, *columns: Any, indexed: bool = True) -> Select[Any]:
    """``select(*columns)`` of the cases matching ``query``, newest first (``indexed``:
    the register has the search index, i.e. is SQLite; else ILIKE on PostgreSQL)."""
    text = unicodedata.normalize("NFKC", query.text).strip()
    conditions = _filter_conditions(query)
    newest_first = (Petition.received_at.desc(), Petition.id.desc())
    if not text:
        return select(*columns).where(*conditions).order_by(*newest_first)
    by_number = _number_condition(text)
    if by_number is not None:
        return select(*columns).where(by_number, *conditions).order_by(*newest_first)
    if not query.in_summary:  # the fast path: names from their beginning, one index range
        people = select(Petitioner.id).where(_starts_with(Petitioner.name, text))
        by_name = Petition.petitioner_id.in_(people.scalar_subquery())
        return select(*columns).where(by_name, *conditions).order_by(*newest_first)
    if not indexed:
        return (
            select(*columns)
            .where(search_index.like_match(text), *conditions)
            .order_by(*newest_first)
        )
    day_to = query.date_to + timedelta(days=1) if query.date_to is not None else None
    match, petition_id, key = search_index.match_rows(
        text,
        since=datetime.combine(query.date_from, time.min) if query.date_from else None,
        until=datetime.combine(day_to, time.min) if day_to else None,
    )
    return (
        select(*columns)
        .select_from(search_index.index_table)
        .join(Petition, Petition.id == petition_id)
        .where(match, *conditions)
        .order_by(key.desc())
    )


def _indexed(db: Database) -> bool:
    return db.engine.dialect.name == "sqlite"


def search_cases(
    db: Database,
    query: SearchQuery,
    offset: int = 0,
    limit: int = 100,
    *,
    actor: Actor | None = None,
) -> list[CaseRow]:
    """One page of the cases matching ``query``, newest first (for a lazy table); with
    ``actor`` as :func:`page_cases`."""
    with db.read() as session:
        vis = visibility(session, actor)
        stmt = _with_relations(
            _search_select(query, Petition, indexed=_indexed(db))
            .where(case_condition(vis))
            .offset(max(offset, 0))
            .limit(max(limit, 0))
        )
        return [_seen_row(p, vis) for p in session.scalars(stmt).unique()]


def count_search(
    db: Database, query: SearchQuery, *, cap: int | None = None, actor: Actor | None = None
) -> int:
    """How many cases match ``query`` (the total for the lazy table), of those ``actor``
    may see. With ``cap``, counting stops after ``cap + 1``: a result above ``cap`` means
    "more than ``cap``" (a common character matches a large share of a ten-year register;
    counting them all would cost a scan the clerk does not need)."""
    with db.read() as session:
        vis = visibility(session, actor)
        matching = (
            _search_select(query, Petition.id, indexed=_indexed(db))
            .where(case_condition(vis))
            .order_by(None)
        )
        if cap is not None:
            matching = matching.limit(cap + 1)
        stmt = select(func.count()).select_from(matching.subquery())
        return int(session.scalar(stmt) or 0)
