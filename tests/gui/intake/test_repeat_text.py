"""The 查重 panel never breaks "内容相似 31%" across lines (issue 9) and shows ID numbers
and phones masked (issue 13)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from petitiondesk.core.enums import CaseStatus, Sex
from petitiondesk.gui.intake.repeats import case_text, petitioner_text
from petitiondesk.services import repeats
from petitiondesk.services.cases import KnownPetitioner
from petitiondesk.services.repeats import RepeatCandidate

PHRASE = "内容相似"


def lines(text: str, width: int) -> list[str]:
    layout = QTextLayout(text, QFont(QApplication.font()))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    out = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        out.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return out


@pytest.mark.parametrize("width", range(120, 420, 7))
def test_similarity_stays_on_one_line(qapp: QApplication, width: int) -> None:
    candidate = RepeatCandidate(
        petition_id=1,
        register_no="2026-00012",
        received_at=datetime(2026, 3, 2, 9, 30),
        status=CaseStatus.ACCEPTED,
        name="李建华",
        category="城乡建设",
        summary="反映小区旁建筑工地夜间施工噪音扰民。",
        reason=repeats.REASON_SIMILAR,
        score=0.31,
    )
    text = case_text(candidate).replace("\n", " ")
    found = [line for line in lines(text, width) if "相" in line or "31%" in line]
    joined = [line.replace("\u2060", "").replace("\u00a0", " ") for line in found]
    assert any(f"{PHRASE} 31%" in line for line in joined), (width, joined)


def test_known_petitioner_shows_id_and_phone_masked() -> None:
    known = KnownPetitioner(
        id=1,
        name="王秀英",
        sex=Sex.FEMALE,
        phone="13637103118",
        address="东湖村3组",
        work_unit="",
        earlier_cases=2,
        id_number="410122197206113513",
        match="同一身份证号",
    )
    text = petitioner_text(known, automatic=True)
    assert "4101**********3513" in text and "136****3118" in text
    assert "410122197206113513" not in text and "13637103118" not in text
