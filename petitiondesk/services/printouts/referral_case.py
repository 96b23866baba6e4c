"""What the printouts of the 交办督办 tab share: one case read for printing, the
petitioner's block as a handling unit may see it (:func:`~petitiondesk.services.referrals.unit_view`)
or as the office keeps it (:func:`~petitiondesk.services.referrals.office_view`), and
the office's heading.

Confidentiality (信访工作条例 Art. 30): a slip that leaves the office takes the
petitioner's identity ONLY from :attr:`PrintCase.unit` — never from the petition — and
prints the redaction note when it is redacted; the office's file copy (存根) takes
:attr:`PrintCase.office`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from petitiondesk.core.datetext import chinese_date
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings

from ..acceptance import find_petition
from ..referrals import UnitCaseView, office_view, unit_view
from ..result import Result
from .office import OfficeHeading, office_heading

_T = TypeVar("_T")

#: The boxed mark beside the title of a confidential case's slip.
SECRECY_MARK = "保密"


@dataclass(frozen=True)
class PrintCase:
    petition_id: int
    register_no: str
    unit: UnitCaseView  # what a handling unit may see (redacted when confidential)
    office: UnitCaseView  # the office's own copy: everything
    heading: OfficeHeading
    doc_prefix: str  # the office's document-number prefix (青信)
    handling_opinion: str  # the clerk's proposed handling (拟办意见)


def pick(items: Sequence[_T], number: Callable[[_T], str], wanted: str | None) -> _T | None:
    """The item whose ``number`` is ``wanted``; without ``wanted``, the latest (last)."""
    if wanted is None:
        return items[-1] if items else None
    return next((item for item in items if number(item) == wanted.strip()), None)


def not_found(register_no: str) -> Result[Path]:
    return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})


def read_case(db: Database, register_no: str) -> PrintCase | None:
    """The case ``register_no`` read for printing (None: no such case)."""
    with db.read() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return None
        settings = session.get(OfficeSettings, 1)
        return PrintCase(
            petition_id=petition.id,
            register_no=petition.register_no,
            unit=unit_view(petition),
            office=office_view(petition),
            heading=office_heading(session),
            doc_prefix=settings.doc_prefix if settings is not None else "",
            handling_opinion=petition.handling_opinion,
        )


def office_values(heading: OfficeHeading) -> dict[str, str]:
    return {"office_name": heading.name, "letterhead": heading.letterhead}


def contact_text(heading: OfficeHeading) -> str:
    """``青山县信访局　青山县人民路18号　电话：0371-62345678`` (parts that are set)."""
    parts = [heading.name, heading.address, f"电话：{heading.phone}" if heading.phone else ""]
    return "　".join(part for part in parts if part)


def person_values(view: UnitCaseView) -> dict[str, str]:
    """The petitioner block of a slip from ``view`` (unit or office view), with the
    secrecy mark and the redaction note of a redacted view."""
    return {
        "register_no": view.register_no,
        "received_date": chinese_date(view.received_at.date()),
        "channel": view.channel,
        "name": view.name,
        "id_number": view.id_number,
        "phone": view.phone,
        "address": view.address,
        "people_count": str(view.people_count),
        "category": view.category,
        "place": view.place,
        "summary": view.summary,
        "secrecy_mark": SECRECY_MARK if view.confidential else "",
        "redaction_note": view.note,
    }
