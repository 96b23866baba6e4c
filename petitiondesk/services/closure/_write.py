"""The one write path of the closure steps: find the case, change its closure row in one
transaction, leave one audit row, answer with the new :class:`ClosureView`."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from petitiondesk.store.db import Database
from petitiondesk.store.models import Base, Closure, Petition

from .. import audit
from ..result import Result
from ..stale import stale_errors
from ._common import case_or_errors, closure_of, refuse
from .views import ClosureView, build_view

#: What a change answers: errors (nothing is saved) or the (entity, summary) to audit.
Outcome = dict[str, str] | tuple[Base, str]
#: change(session, petition, closure) → Outcome
Change = Callable[[Session, Petition, Closure], Outcome]


def edit_closure(
    db: Database,
    register_no: str,
    change: Change,
    *,
    actor: str,
    action: str,
    what: str,
    done: str,
    version: int | None = None,
) -> Result[ClosureView]:
    """Run ``change`` on the case's closure row (created on first use). ``what`` names
    the step in a refusal (…未保存), ``done`` is the success message. ``version``: the
    closure row's version the form was loaded with (:func:`closure_version`; None: no
    check): another desk's change meanwhile refuses the save."""
    try:
        with db.write() as session:
            found = case_or_errors(session, register_no)
            if isinstance(found, dict):
                return Result.failure(found)
            petition = found
            existing = closure_of(session, petition)
            if stale := stale_errors(existing, version, f"登记 {petition.register_no} 的办结"):
                return Result.failure(stale)
            closure = existing or closure_of(session, petition, create=True)
            assert closure is not None
            session.flush()
            before = {id(e): audit.snapshot(e) for e in (closure, petition)}
            outcome = change(session, petition, closure)
            if isinstance(outcome, dict):
                raise Refused(outcome)  # roll back the new closure row too
            entity, summary = outcome
            audit.record(
                session, actor=actor, action=action, entity=entity,
                summary=f"{petition.register_no} {summary}", before=before.get(id(entity)),
            )  # fmt: skip
            value = build_view(session, petition)
    except Refused as refused:
        return refuse(refused.errors, what)
    return Result.success(value, done)


class Refused(Exception):
    """Raised inside a write transaction to roll it back and answer with ``errors``."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors
