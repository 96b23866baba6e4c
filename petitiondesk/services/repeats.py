"""Repeat visits (重复访): find earlier petitions while the clerk types, link them.

Two questions, asked as the intake form fills in:

* :func:`earlier_by_person` — has this *person* petitioned before? Same ID number, same
  phone, or same name at the same address. Each is an exact look-up on an indexed column
  (petitioner.id_number / .phone / .name, then petition.petitioner_id), so it costs a few
  index probes whatever the size of the register.
* :func:`similar_open_petitions` — is the same *matter* already open? Open petitions of
  the same category whose summary is similar (character-bigram Dice, see
  :mod:`petitiondesk.core.textsim`). Text similarity cannot use an index, so the
  candidates are bounded first, through the partial index of the open petitions
  ix_petition_open_category_received (category_id, received_at; migration 0014): same
  category, an open status, received in the last ``years`` years (default 3), and at
  most ``max_candidates`` (default 3,000) of the most recent of those, read newest first
  straight off the index. Scoring 3,000 summaries takes about 10 ms
  (:func:`~petitiondesk.core.textsim.rank_similar`); a matter older than the window or beyond
  the newest 3,000 open ones of its category is not offered (the person look-up still
  finds the petitioner's own earlier cases of any age).

:func:`link_repeat` records the link (petition.repeat_of) with an audit row; it refuses
self-links, cycles and a later petition as the "earlier" one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import BindParameter, Select, bindparam, select
from sqlalchemy.orm import Session, joinedload

from petitiondesk.core.enums import CaseStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.textsim import DEFAULT_THRESHOLD, bigrams, rank_similar
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition

from . import audit
from .petitioners import find_people
from .result import Result

#: A petition in one of these states is still being handled ("open").
OPEN_STATUSES: Final = (
    CaseStatus.REGISTERED,
    CaseStatus.ACCEPTED,
    CaseStatus.FORWARDED,
    CaseStatus.REFERRED,
    CaseStatus.ANSWERED,
    CaseStatus.IN_REVIEW,
)
#: Similar petitions are looked for among the open ones and those closed for good
#: (复核终结: the same matter is not accepted again, Art. 36), which come back flagged.
SIMILAR_STATUSES: Final = (*OPEN_STATUSES, CaseStatus.FINAL)
#: What the repeat panel says of a petition whose matter is final.
FINAL_LABEL: Final = "已复核终结"
#: How far back similar open petitions are looked for.
SIMILAR_YEARS: Final = 3
#: At most this many of the newest open petitions of a category are compared.
SIMILAR_MAX_CANDIDATES: Final = 3000
#: Characters of the summary shown in a candidate list.
EXCERPT_CHARS: Final = 60

REASON_SIMILAR: Final = "内容相似"
#: Longest chain of repeat links followed when checking for a cycle.
_MAX_CHAIN: Final = 10_000


@dataclass(frozen=True)
class RepeatCandidate:
    """An earlier petition the new one may repeat."""

    petition_id: int
    register_no: str
    received_at: datetime
    category: str
    status: CaseStatus
    summary: str  # an excerpt
    reason: str  # 同一身份证号 / 同一电话 / 同名同址 / 内容相似
    name: str = ""  # the petitioner, "匿名" when none
    score: float = 1.0  # text similarity for 内容相似; 1.0 for a person match
    final: bool = False  # 复核终结: the matter is not accepted again

    @property
    def final_label(self) -> str:
        """``已复核终结`` for a final matter, else ""."""
        return FINAL_LABEL if self.final else ""


@dataclass(frozen=True)
class RepeatLink:
    petition_id: int
    register_no: str
    repeat_of_register_no: str  # "" after unlinking


def excerpt(text: str, chars: int = EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= chars else flat[: chars - 1] + "…"


def _candidate(p: Petition, reason: str, score: float = 1.0) -> RepeatCandidate:
    return RepeatCandidate(
        petition_id=p.id,
        register_no=p.register_no,
        received_at=p.received_at,
        category=p.category.name if p.category else "",
        status=p.status,
        summary=excerpt(p.summary),
        reason=reason,
        name=p.petitioner.name if p.petitioner else "匿名",
        score=score,
        final=p.status is CaseStatus.FINAL,
    )


def earlier_by_person(
    db: Database,
    *,
    id_number: str = "",
    phone: str = "",
    name: str = "",
    address: str = "",
    limit: int = 20,
    before: datetime | None = None,
    exclude_petition_id: int | None = None,
) -> list[RepeatCandidate]:
    """Petitions of the same person, newest first: by ID number, phone, or name + address
    (``reason`` gives the strongest). ``before``: only petitions received before then;
    ``exclude_petition_id``: leave out the case being looked at."""
    if limit <= 0:
        return []
    with db.read() as session:
        people = find_people(
            session, id_number=id_number, phone=phone, name=name, address=address, limit=100
        )
        if not people:
            return []
        reasons = {person.id: reason for person, reason in people}
        stmt = (
            select(Petition)
            .where(Petition.petitioner_id.in_(reasons))
            .options(joinedload(Petition.category), joinedload(Petition.petitioner))
            .order_by(Petition.received_at.desc(), Petition.id.desc())
            .limit(limit)
        )
        if before is not None:
            stmt = stmt.where(Petition.received_at < before)
        if exclude_petition_id is not None:
            stmt = stmt.where(Petition.id != exclude_petition_id)
        return [
            _candidate(p, reasons[p.petitioner_id] if p.petitioner_id is not None else "")
            for p in session.scalars(stmt).unique()
        ]


def candidates_query(category_id: int, cutoff: datetime, limit: int) -> Select[int, str]:
    """(id, summary) of the newest ``limit`` open (or final) petitions of ``category_id``
    received since ``cutoff``. The statuses are written into the SQL as literals: that
    is what lets the database use the partial index ix_petition_open_category_received
    (SQLite only matches a partial index's WHERE as written, not through parameters)."""
    statuses: BindParameter[list[CaseStatus]] = bindparam(
        "similar_statuses",
        list(SIMILAR_STATUSES),
        expanding=True,
        literal_execute=True,
    )
    return (
        select(Petition.id, Petition.summary)
        .where(
            Petition.category_id == category_id,
            Petition.status.in_(statuses),
            Petition.received_at >= cutoff,
        )
        .order_by(Petition.received_at.desc())
        .limit(limit)
    )


def similar_open_petitions(
    db: Database,
    *,
    category_id: int | None,
    summary: str,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    exclude_petition_id: int | None = None,
    now: datetime | None = None,
    years: int = SIMILAR_YEARS,
    max_candidates: int = SIMILAR_MAX_CANDIDATES,
) -> list[RepeatCandidate]:
    """Open petitions of ``category_id`` whose summary is similar to ``summary`` (score
    ≥ ``threshold``), best first, and final ones (复核终结, ``final`` set). Bounded as the module describes; nothing without a
    category or without text to compare."""
    if category_id is None or not bigrams(summary) or limit <= 0:
        return []
    cutoff = (now or datetime.now()) - timedelta(days=365 * years)
    with db.read() as session:
        stmt = candidates_query(category_id, cutoff, max_candidates)
        if exclude_petition_id is not None:
            stmt = stmt.where(Petition.id != exclude_petition_id)
        # Plain (id, summary) rows straight from the connection: no ORM loading.
        candidates = session.connection().execute(stmt).all()
        ranked = rank_similar(summary, candidates, threshold=threshold, limit=limit)
        if not ranked:
            return []
        scores = dict(ranked)
        rows = {
            p.id: p
            for p in session.scalars(
                select(Petition)
                .where(Petition.id.in_(scores))
                .options(joinedload(Petition.category), joinedload(Petition.petitioner))
            ).unique()
        }
        return [_candidate(rows[pid], REASON_SIMILAR, round(score, 3)) for pid, score in ranked]


# --- linking ---------------------------------------------------------------------------


def _chain_reaches(session: Session, start: Petition, target_id: int) -> bool:
    """True if following repeat_of from ``start`` reaches ``target_id`` (a cycle)."""
    seen: set[int] = set()
    current: int | None = start.id
    for _ in range(_MAX_CHAIN):
        if current is None or current in seen:
            return False
        if current == target_id:
            return True
        seen.add(current)
        current = session.scalar(select(Petition.repeat_of_id).where(Petition.id == current))
    return True  # absurdly long: treat as unsafe


def link_repeat(
    db: Database, petition_id: int, earlier_petition_id: int, *, actor: Actor
) -> Result[RepeatLink]:
    """Mark ``petition_id`` as a repeat of ``earlier_petition_id`` (重复访), with an
    audit row. Refuses a self-link, an "earlier" petition received after this one, and a
    link that would make a cycle. Re-linking to another earlier petition replaces the
    old link (the audit row keeps it)."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    if petition_id == earlier_petition_id:
        return Result.failure({"repeat_of": "不能把事项关联为它自己的重复访"})
    with db.write() as session:
        petition = session.get(Petition, petition_id)
        earlier = session.get(Petition, earlier_petition_id)
        if petition is None:
            return Result.failure({"": "找不到该信访事项"})
        if earlier is None:
            return Result.failure({"repeat_of": "找不到所选的前次信访事项"})
        if (earlier.received_at, earlier.id) > (petition.received_at, petition.id):
            return Result.failure(
                {
                    "repeat_of": f"所选事项 {earlier.register_no} 登记晚于本事项 "
                    f"{petition.register_no}，不能作为前次来访"
                }
            )
        if _chain_reaches(session, earlier, petition.id):
            return Result.failure(
                {"repeat_of": f"{earlier.register_no} 已是本事项的后续来访，关联会形成循环"}
            )
        value = RepeatLink(petition.id, petition.register_no, earlier.register_no)
        if petition.repeat_of_id == earlier.id:
            return Result.success(
                value, f"{petition.register_no} 已关联前次来访 {earlier.register_no}"
            )
        before = audit.snapshot(petition)
        petition.repeat_of_id = earlier.id
        audit.record(
            session,
            actor=actor,
            action="link_repeat",
            entity=petition,
            summary=f"{petition.register_no} 关联为 {earlier.register_no} 的重复访",
            before=before,
        )
    return Result.success(
        value, f"已将 {value.register_no} 关联为 {value.repeat_of_register_no} 的重复访"
    )


def unlink_repeat(db: Database, petition_id: int, *, actor: Actor) -> Result[RepeatLink]:
    """Remove the repeat link of ``petition_id`` (audit row keeps the old link)."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    with db.write() as session:
        petition = session.get(Petition, petition_id)
        if petition is None:
            return Result.failure({"": "找不到该信访事项"})
        if petition.repeat_of_id is None:
            return Result.failure({"repeat_of": f"{petition.register_no} 未关联前次来访"})
        earlier_no = session.scalar(
            select(Petition.register_no).where(Petition.id == petition.repeat_of_id)
        )
        before = audit.snapshot(petition)
        petition.repeat_of_id = None
        audit.record(
            session,
            actor=actor,
            action="unlink_repeat",
            entity=petition,
            summary=f"{petition.register_no} 取消与 {earlier_no} 的重复访关联",
            before=before,
        )
        value = RepeatLink(petition.id, petition.register_no, "")
    return Result.success(value, f"已取消 {value.register_no} 的重复访关联")
