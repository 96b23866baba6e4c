"""Every printed form of one case, in file order (一案一档), as PDF bytes.

Order: registration slip, acceptance / rejection / forwarding notice, conversation
record, routing slip (信访送阅表), each referral's 交办单 / 转送单, each 督办单 (with its
stub), each 延期办理告知书, the 信访处理意见书 (its 存档联 carries the 送达回证), the
办结单, each 复查 / 复核意见书. A form the case has nothing for is left out.

The forms are the printouts of :mod:`petitiondesk.services.printouts`. The three whose
print leaves an audit row or stamps the case (registration slip, notice, conversation
record) are rendered here from their values, so archiving changes nothing in the
register; the others are printed to a temporary folder. Dates a form would take from
the clock (printed at, sent on) are the case's own, so a re-run prints the same.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from petitiondesk.store.db import Database

from ..acceptance import find_petition
from ..cases import case_detail, reference_data
from ..closure import case_closure
from ..conversations import conversation_record
from ..printouts import (
    conversation_record_values,
    notice_values,
    print_closure_form,
    print_extension_notice,
    print_opinion,
    print_referral_slip,
    print_review_decision,
    print_routing_slip,
    print_supervision_slips,
    registration_slip_values,
)
from ..printouts.acceptance_notice import two_copies
from ..printouts.registration import SLIP_FORMS
from ..referrals import case_referrals, case_supervision
from ..referrals.extension import case_deadlines
from ..result import Result


@dataclass(frozen=True)
class CaseDocument:
    title: str  # what the item's contents list calls it
    pdf: bytes


class _Collector:
    """Prints into a temporary folder and keeps the bytes of what was printed."""

    def __init__(self, db: Database, register_no: str, folder: Path) -> None:
        self.db, self.register_no, self.folder = db, register_no, folder
        self.documents: list[CaseDocument] = []

    def _path(self) -> Path:
        return self.folder / f"{len(self.documents):03d}.pdf"

    def render(self, title: str, draw: Callable[[Path], object]) -> None:
        path = self._path()
        draw(path)
        self.documents.append(CaseDocument(title, path.read_bytes()))

    def printout(self, title: str, printer: Callable[..., Result[Path]], **kwargs: Any) -> None:
        path = self._path()
        if printer(self.db, self.register_no, path, **kwargs).ok:
            self.documents.append(CaseDocument(title, path.read_bytes()))


def _registration(c: _Collector) -> None:
    from petitiondesk.printing.form_pdf import render_form_pdf
    from petitiondesk.printing.formload import load_form

    detail = case_detail(c.db, c.register_no)
    assert detail is not None
    ref = reference_data(c.db)
    values = registration_slip_values(
        detail,
        office_name=ref.office_name,
        letterhead=ref.letterhead,
        printed_at=detail.row.received_at,
    )
    spec = load_form(SLIP_FORMS[detail.row.channel])
    used = {key: value for key, value in values.items() if key in spec.fields}
    c.render(spec.title, lambda path: render_form_pdf(spec, used, path))


def _notice_and_conversation(c: _Collector) -> date | None:
    """The notice and the conversation record; returns the day the case was received."""
    from petitiondesk.printing.form_pdf import render_form_copies_pdf, render_form_pdf

    record = conversation_record(c.db, c.register_no)
    with c.db.read() as session:
        petition = find_petition(session, c.register_no)
        assert petition is not None
        received = petition.received_at.date()
        notice = notice_values(session, petition) if petition.acceptance is not None else None
        talk = conversation_record_values(session, petition, record) if record else None
    if notice is not None:
        form_id, values = notice
        copies = two_copies(values)
        c.render(values["notice_title"], lambda path: render_form_copies_pdf(form_id, copies, path))
    if talk is not None:
        c.render("接谈记录", lambda path: render_form_pdf("conversation_record", talk, path))
    return received


def _handling(c: _Collector, petition_id: int, received: date | None) -> None:
    referrals = case_referrals(c.db, petition_id)
    if referrals:
        sent = referrals[-1].referred_on or referrals[-1].start_date or received
        c.printout("信访送阅表", print_routing_slip, today=sent)
    for view in referrals:
        c.printout(
            f"信访事项{view.kind.label}单", print_referral_slip, referral_no=view.referral_no
        )
    for slip in case_supervision(c.db, petition_id):
        c.printout("督办单", print_supervision_slips, slip_no=slip.slip_no)
    deadlines = case_deadlines(c.db, petition_id)
    extensions = [e for r in deadlines.referrals for e in r.extensions] if deadlines else []
    for ext in sorted(extensions, key=lambda e: (e.approved_on, e.extension_id)):
        c.printout("延期办理告知书", print_extension_notice, extension_id=ext.extension_id)


def _closure(c: _Collector) -> None:
    c.printout("信访处理意见书及送达回证", print_opinion)
    c.printout("信访事项办结单", print_closure_form)
    view = case_closure(c.db, c.register_no)
    for review in view.reviews if view is not None else ():
        if review.decided_on is not None and review.office_reviews:
            title = f"{review.level.label}意见书"
            c.printout(title, print_review_decision, review_id=review.review_id)


def case_documents(
    db: Database, register_no: str, petition_id: int, scratch: Path | None = None
) -> list[CaseDocument]:
    """The case's forms in file order (see the module). They are printed into
    ``scratch`` (files there may be overwritten; a temporary folder when None)."""
    if scratch is None:
        with tempfile.TemporaryDirectory(prefix="petitiondesk-archive-") as tmp:
            return case_documents(db, register_no, petition_id, Path(tmp))
    collector = _Collector(db, register_no, scratch)
    _registration(collector)
    received = _notice_and_conversation(collector)
    _handling(collector, petition_id, received)
    _closure(collector)
    return collector.documents
