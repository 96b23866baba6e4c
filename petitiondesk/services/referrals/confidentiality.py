"""What a handling unit may see of a case (信访工作条例 Art. 30).

ONE function decides it: :func:`unit_view`. Every slip, routing slip, supervision slip
and export that goes to a handling unit is filled from it; for a confidential case
(检举控告, ``Petition.confidential``) the petitioner's name, ID number, phone, address and
work unit — and those of the representatives — read （保密） and ``redacted`` is set, so
the printed slip can say so (``note``). The office's own screens and file copy use
:func:`office_view`, which keeps everything. Both take a loaded ``Petition`` (inside the
caller's session), so a printer calls them directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from petitiondesk.core.referral_rules import REDACTION_NOTE, redact
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition


@dataclass(frozen=True)
class PartyView:
    name: str
    id_number: str
    phone: str


@dataclass(frozen=True)
class UnitCaseView:
    """A case as one reader may see it. ``redacted``: identity fields read （保密）."""

    petition_id: int
    register_no: str
    received_at: datetime
    channel: str  # label: 走访 / 来信 / …
    name: str
    sex: str
    id_number: str
    phone: str
    address: str
    work_unit: str
    representatives: tuple[PartyView, ...]
    people_count: int
    category: str
    place: str
    summary: str
    demands: str
    confidential: bool
    redacted: bool
    note: str  # REDACTION_NOTE when redacted, else ""


def _view(petition: Petition, hide: bool) -> UnitCaseView:
    person = petition.petitioner
    anonymous = "匿名" if petition.anonymous or person is None else ""
    return UnitCaseView(
        petition_id=petition.id,
        register_no=petition.register_no,
        received_at=petition.received_at,
        channel=petition.channel.label,
        name=redact(anonymous or (person.name if person else ""), hide),
        sex=redact(person.sex.label if person else "", hide),
        id_number=redact((person.id_number or "") if person else "", hide),
        phone=redact(person.phone if person else "", hide),
        address=redact(person.address if person else "", hide),
        work_unit=redact(person.work_unit if person else "", hide),
        representatives=tuple(
            PartyView(redact(r.name, hide), redact(r.id_number, hide), redact(r.phone, hide))
            for r in petition.representatives
        ),
        people_count=petition.people_count,
        category=petition.category.name if petition.category else "",
        place=petition.place,
        summary=petition.summary,
        demands=petition.demands,
        confidential=petition.confidential,
        redacted=hide,
        note=REDACTION_NOTE if hide else "",
    )


def unit_view(petition: Petition) -> UnitCaseView:
    """What a handling unit (or anyone outside the office) may see of ``petition``."""
    return _view(petition, petition.confidential)


def office_view(petition: Petition) -> UnitCaseView:
    """The office's own copy: everything, never redacted."""
    return _view(petition, False)


def case_view(db: Database, petition_id: int, *, for_unit: bool) -> UnitCaseView | None:
    """:func:`unit_view` (``for_unit``) or :func:`office_view` of a case by id."""
    with db.read() as session:
        petition = session.get(Petition, petition_id)
        if petition is None:
            return None
        return unit_view(petition) if for_unit else office_view(petition)
