"""The year's cases as the archive needs them: one query, plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from petitiondesk.core.archive import date8, is_open
from petitiondesk.core.enums import CaseStatus
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition

from .catalogue import OpenRow

TITLE_SUMMARY_CHARS = 30


@dataclass(frozen=True)
class ArchiveCase:
    petition_id: int
    register_no: str
    seq: int
    status: CaseStatus
    category: str
    name: str
    channel: str  # 走访 / 来信 / 来电 / 网上
    summary: str
    confidential: bool
    received: date
    done_on: date  # the day of its last paper: closed, else decided, else received
    doc_nos: tuple[str, ...]  # 文号: the notice's, the opinion's

    @property
    def open(self) -> bool:
        return is_open(self.status)

    def title(self) -> str:
        """题名. A confidential (检举控告) case names no one."""
        if self.confidential:
            return f"检举控告类信访事项（{self.register_no}）"
        who = self.name or "匿名信访人"
        matter = f"{self.category}问题" if self.category else "问题"
        return f"{who}{self.channel}反映{matter}的信访事项（{self.register_no}）"

    def open_row(self) -> OpenRow:
        summary = self.summary if not self.confidential else "（检举控告，内容保密）"
        return OpenRow(
            register_no=self.register_no,
            received=date8(self.received),
            name="" if self.confidential else self.name,
            category=self.category,
            status=self.status.label,
            summary=summary[: TITLE_SUMMARY_CHARS * 3],
        )


def year_cases(db: Database, year: int) -> list[ArchiveCase]:
    """Every case registered in ``year``, in register order."""
    stmt = (
        select(Petition)
        .where(Petition.year == year)
        .order_by(Petition.seq)
        .options(selectinload(Petition.petitioner), selectinload(Petition.category))
    )
    with db.read() as session:
        closures = {
            c.petition_id: c
            for c in session.scalars(select(Closure).join(Petition).where(Petition.year == year))
        }
        found: list[ArchiveCase] = []
        for p in session.scalars(stmt):
            closure = closures.get(p.id)
            closed = closure.closed_at.date() if closure and closure.closed_at else None
            opinion_no = closure.opinion_no if closure else ""
            found.append(
                ArchiveCase(
                    petition_id=p.id,
                    register_no=p.register_no,
                    seq=p.seq,
                    status=p.status,
                    category=p.category.name if p.category else "",
                    name=p.petitioner.name if p.petitioner else "",
                    channel=p.channel.label,
                    summary=p.summary,
                    confidential=p.confidential,
                    received=p.received_at.date(),
                    done_on=closed or p.acceptance_date or p.received_at.date(),
                    doc_nos=tuple(no for no in (p.notice_no, opinion_no) if no),
                )
            )
        return found
