"""One case as a signed-in account may open it (issue 13): its detail and the forms
printed from it.

A leader's account opens only the cases it owns (包案); a confidential case (检举控告) is
shown with the petitioner's identity redacted to roles the office settings do not name
(:mod:`.visibility` holds both rules; this module only applies them to one case).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.referral_rules import REDACTED
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition

from .cases import CaseDetail, detail_of, load_case
from .result import Result
from .visibility import case_refusal, hidden, redact_identity, redact_values, visibility


def not_found(register_no: str) -> dict[str, str]:
    return {"case": f"找不到登记号为 {register_no} 的信访事项"}


def case_access(session: Session, actor: Actor, petition: Petition) -> tuple[str | None, bool]:
    """(the refusal, or None; whether its identity must be redacted) for ``actor``."""
    if why := refusal(actor, Permission.READ_CASES):
        return why, True
    vis = visibility(session, actor)
    return case_refusal(vis, petition), hidden(vis, petition)


def open_case(db: Database, register_no: str, *, actor: Actor) -> Result[CaseDetail]:
    """The case's detail as ``actor`` may see it: refused for a leader who does not own
    it, redacted when it is confidential and the role is not named in the settings."""
    with db.read() as session:
        petition = load_case(session, register_no.strip())
        if petition is None:
            return Result.failure(not_found(register_no))
        why, hide = case_access(session, actor, petition)
        if why:
            return Result.failure({"": why})
        detail = detail_of(petition)
    if not hide:
        return Result.success(detail)
    return Result.success(
        replace(
            detail,
            row=redact_identity(detail.row, True),
            work_unit=REDACTED,
            representatives=tuple(REDACTED for _ in detail.representatives),
        )
    )


def redacted_form(values: dict[str, str], hide: bool) -> dict[str, str]:
    """A form's values with the petitioner's identity redacted when ``hide``."""
    return {**values, **redact_values(values, hide)}
