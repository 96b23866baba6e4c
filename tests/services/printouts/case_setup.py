"""The office the case printout tests share (acceptance notice, conversation record)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pypdf import PdfReader

from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings
from tests.helpers import actor, visit_input

NOW = datetime(2026, 11, 25, 12, 0)


def set_up_office(db: Database) -> Database:
    """青山县信访局 with its letterhead, document prefix, address and phone."""
    with db.write() as session:
        s = session.get(OfficeSettings, 1)
        assert s is not None
        s.name = s.letterhead = "青山县信访局"
        s.doc_prefix = "青信"
        s.address, s.phone = "青山县人民路18号", "0371-62345678"
    return db


def register(db: Database, **changes: object) -> str:
    defaults: dict[str, object] = {
        "summary": "反映拆迁补偿款未按协议发放，评估报告未向住户公示。",
        "duty_leader_id": 1,
    }
    data = visit_input(**{**defaults, **changes})
    return register_visit(db, data, actor=actor("赵丽"), now=NOW).unwrap().register_no


def pages(path: Path) -> list[str]:
    """Each page's text, with the line breaks of wrapped text removed."""
    return [page.extract_text().replace("\n", "") for page in PdfReader(path).pages]
