"""不再受理: after a 复核 decision the matter is final (CaseStatus.FINAL, Art. 36). A new
petition by the same petitioner on the same category with similar text is proposed for
不予受理 with the reason 复核终结 prefilled; the clerk decides (services.acceptance)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from petitiondesk.core.acceptance import basis_article
from petitiondesk.core.enums import AcceptanceDecision, CaseStatus, RejectionReason
from petitiondesk.core.textsim import DEFAULT_THRESHOLD, rank_similar
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, ReviewRequest

from ..repeats import FINAL_LABEL
from ._common import case_or_errors


@dataclass(frozen=True)
class AcceptanceProposal:
    """What the acceptance dialog proposes for a repeat of a final matter."""

    decision: AcceptanceDecision  # REJECT
    reason: RejectionReason  # REVIEW_CONCLUDED
    final_register_no: str  # the earlier matter, closed for good
    final_on: str  # the 复核 decision date (ISO), "" when unknown
    score: float  # text similarity of the summaries
    note: str  # prefilled note for the decision
    basis: str  # the article the notice cites (Art. 36)
    label: str = FINAL_LABEL


def acceptance_proposal(
    db: Database, register_no: str, *, threshold: float = DEFAULT_THRESHOLD
) -> AcceptanceProposal | None:
    """For an undecided petition that repeats a final matter of the same petitioner
    (same category, similar summary), the proposal to refuse it; else None."""
    with db.read() as session:
        found = case_or_errors(session, register_no)
        if isinstance(found, dict) or found.acceptance is not None:
            return None
        if found.petitioner_id is None or found.category_id is None:
            return None
        finals = session.execute(
            select(Petition.id, Petition.summary).where(
                Petition.petitioner_id == found.petitioner_id,
                Petition.category_id == found.category_id,
                Petition.status == CaseStatus.FINAL,
                Petition.id != found.id,
            )
        ).all()
        ranked = rank_similar(
            found.summary, [(r.id, r.summary) for r in finals], threshold=threshold, limit=1
        )
        if not ranked:
            return None
        final_id, score = ranked[0]
        earlier = session.get(Petition, final_id)
        assert earlier is not None
        decided = session.scalar(
            select(ReviewRequest.decided_at)
            .where(ReviewRequest.petition_id == final_id, ReviewRequest.decided_at.is_not(None))
            .order_by(ReviewRequest.decided_at.desc())
            .limit(1)
        )
        when = decided.isoformat() if decided else ""
        reason = RejectionReason.REVIEW_CONCLUDED
        note = (
            f"同一信访人就同一事项（{earlier.register_no}）已"
            + (f"于{when}" if when else "")
            + "复核终结，本次未提出新的事实和理由"
        )
        return AcceptanceProposal(
            AcceptanceDecision.REJECT, reason, earlier.register_no, when, round(score, 3), note,
            basis_article(AcceptanceDecision.REJECT, reason),
        )  # fmt: skip
