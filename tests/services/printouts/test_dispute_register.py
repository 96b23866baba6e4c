"""矛盾纠纷排查台账 as PDF and Excel: read back, audited, refused for a bad suffix or role."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from petitiondesk.core.disputes import RiskLevel
from petitiondesk.core.identity import Role
from petitiondesk.services.disputes import DisputeInput, close_dispute, save_dispute
from petitiondesk.services.printouts.dispute_register import dispute_file_name, export_disputes
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import actor
from tests.services.printouts.case_setup import set_up_office
from tests.services.printouts.roster_setup import pdf_text

NOV = date(2026, 11, 1)


@pytest.fixture
def register_db(db: Database) -> Database:
    set_up_office(db)
    first = DisputeInput(
        month=NOV, place="城关镇新华社区", matter="=通村公路施工占地补偿未谈妥，村民阻工",
        parties="王某某等12户村民", people_count=12, risk=RiskLevel.HIGH, leader="张建国",
        unit="城关镇人民政府", person="刘强", deadline=date(2026, 11, 30),
    )  # fmt: skip
    row = save_dispute(db, first, actor=actor()).unwrap()
    close_dispute(db, row.id, resolved_on=date(2026, 11, 20), how="签订补偿协议", actor=actor())
    second = DisputeInput(
        month=NOV, place="东风村", matter="宅基地边界争议", parties="李某、赵某",
        people_count=2, risk=RiskLevel.LOW, leader="李红梅", unit="东风村委会",
        person="陈明", deadline=date(2026, 12, 15), notes="已调解一次",
    )  # fmt: skip
    save_dispute(db, second, actor=actor()).unwrap()
    return db


def test_xlsx_read_back(register_db: Database, tmp_path: Path) -> None:
    out = tmp_path / dispute_file_name("青山县信访局", NOV, ".xlsx")
    assert out.name == "青山县信访局矛盾纠纷排查台账（2026年11月）.xlsx"
    result = export_disputes(register_db, date(2026, 11, 17), out, actor=actor())
    assert result.ok and result.value == 2
    ws = load_workbook(out).active
    assert ws is not None
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "青山县信访局矛盾纠纷排查台账" and values[1][0] == "2026年11月"
    header = values[2]
    assert header[:4] == ["序号", "排查月份", "发生地点", "矛盾纠纷简要情况"]
    first, second = values[3], values[4]
    assert first[2] == "城关镇新华社区" and first[3].startswith("=通村公路")  # text, no formula
    assert first[6] == "高" and first[11] == "已化解（11-20）"
    assert "签订补偿协议" in first[12]
    assert second[2] == "东风村" and second[6] == "低" and second[11] == "化解中"
    assert ws.freeze_panes is not None
    with register_db.read() as session:
        summary = session.scalars(
            select(AuditLog.summary).where(AuditLog.action == "export_dispute_register")
        ).one()
    assert "2026年11月矛盾纠纷排查台账 2 条" in summary


def test_pdf_read_back(register_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "disputes.pdf"
    result = export_disputes(register_db, NOV, out, actor=actor(), printed_on=date(2026, 12, 1))
    assert result.ok and result.value == 2
    text = pdf_text(out)
    for expected in (
        "青山县信访局矛盾纠纷排查台账", "2026年11月", "城关镇新华社区", "宅基地边界争议",
        "张建国", "城关镇人民政府", "刘强", "2026-11-30", "已化解", "制表：赵丽",
        "打印日期：2026-12-01",
    ):  # fmt: skip
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert all(" yes " in line for line in fonts.stdout.splitlines()[2:])


def test_refused_without_a_file(register_db: Database, tmp_path: Path) -> None:
    bad = export_disputes(register_db, NOV, tmp_path / "x.csv", actor=actor())
    assert "out" in bad.errors
    leader = actor("张建国", Role.LEADER)
    refused = export_disputes(register_db, NOV, tmp_path / "x.xlsx", actor=leader)
    assert not refused.ok and not (tmp_path / "x.xlsx").exists()
    empty = export_disputes(register_db, date(2026, 1, 1), tmp_path / "e.pdf", actor=actor())
    assert empty.ok and empty.value == 0


def test_an_export_for_outside_use_masks_numbers_and_records_the_use(
    register_db: Database, tmp_path: Path
) -> None:
    third = DisputeInput(
        month=NOV, place="西河村", matter="土地流转租金拖欠",
        parties="李某（13912345678）、赵某 11010519491231002X", people_count=2,
        risk=RiskLevel.LOW, leader="李红梅", unit="西河村委会", person="陈明",
        deadline=date(2026, 12, 15),
    )  # fmt: skip
    save_dispute(register_db, third, actor=actor()).unwrap()
    inside, outside = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    export_disputes(register_db, NOV, inside, actor=actor()).unwrap()
    export_disputes(register_db, NOV, outside, actor=actor(), outside=True).unwrap()

    def cells(path: Path) -> str:
        ws = load_workbook(path).active
        assert ws is not None
        return " ".join(str(c.value) for r in ws.iter_rows() for c in r)

    assert "13912345678" in cells(inside) and "11010519491231002X" in cells(inside)
    text = cells(outside)
    assert "13912345678" not in text and "11010519491231002X" not in text
    assert "139****5678" in text and "王某某等12户村民" in text
    with register_db.read() as session:
        summaries = session.scalars(
            select(AuditLog.summary)
            .where(AuditLog.action == "export_dispute_register")
            .order_by(AuditLog.id)
        ).all()
    assert "内部使用" in summaries[-2] and "对外提供" in summaries[-1]
