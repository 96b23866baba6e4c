"""The office's heading as every printed form carries it (name, letterhead, address,
phone), read once from ``OfficeSettings``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from petitiondesk.store.models import OfficeSettings


@dataclass(frozen=True)
class OfficeHeading:
    name: str = ""
    letterhead: str = ""  # the office's letterhead, else its name
    address: str = ""
    phone: str = ""


def office_heading(session: Session) -> OfficeHeading:
    """The heading of the office (all empty before the office is set up)."""
    office = session.get(OfficeSettings, 1)
    if office is None:
        return OfficeHeading()
    return OfficeHeading(
        name=office.name,
        letterhead=office.letterhead or office.name,
        address=office.address,
        phone=office.phone,
    )


def print_font_file() -> str:
    """The font printed forms embed, named and with its file (for 关于), or why none
    was found."""
    from petitiondesk.printing.fonts import FontError, describe_font_in_use

    try:
        return describe_font_in_use()
    except FontError as exc:
        return f"未找到（{exc}）"
