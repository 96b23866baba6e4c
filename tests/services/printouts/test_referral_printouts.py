"""The printouts of the 交办督办 tab: 交办单/转送单, 送阅表, 督办单 (eight copies with 回执
and the stub), 延期办理告知书 and the 通报 — read back with pypdf, fonts embedded, and
the confidentiality rule: nothing that leaves the office names a 检举控告 petitioner."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from petitiondesk.core.referral_rules import REDACTION_NOTE
from petitiondesk.services.printouts import (
    print_extension_notice,
    print_overdue_notice,
    print_referral_slip,
    print_routing_slip,
    print_supervision_slips,
)
from petitiondesk.services.referrals import Exclusion
from petitiondesk.store.db import Database
from tests.services.printouts.case_setup import pages
from tests.services.printouts.referral_setup import EXTRA_ROLE, IDENTITY, Office, set_up

SLIPS = {
    "referral": print_referral_slip,
    "routing": print_routing_slip,
    "supervision": print_supervision_slips,
}


@pytest.fixture
def office(db: Database) -> Office:
    return set_up(db)


def fonts_embedded(path: Path) -> None:
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), listing.stdout


def leaks(text: str) -> list[str]:
    return [key for key, value in IDENTITY.items() if value in text]


@pytest.mark.parametrize("form", list(SLIPS))
def test_unit_slips_of_a_confidential_case_name_nobody(
    db: Database, office: Office, tmp_path: Path, form: str
) -> None:
    pdf = tmp_path / f"{form}.pdf"
    SLIPS[form](db, office.confidential, pdf).unwrap()
    fonts_embedded(pdf)
    texts = pages(pdf)
    unit_pages = texts[:-1] if form == "supervision" else texts
    for text in unit_pages:
        assert leaks(text) == [], text
        assert "（保密）" in text and REDACTION_NOTE in text
    if form == "supervision":  # the office's stub keeps everything
        stub = texts[-1]
        assert "存根" in stub and leaks(stub) == ["name", "id", "phone", "address"]


def test_ordinary_case_slips_name_the_petitioner(
    db: Database, office: Office, tmp_path: Path
) -> None:
    pdf = tmp_path / "referral.pdf"
    print_referral_slip(db, office.ordinary, pdf).unwrap()
    text = pages(pdf)[0]
    assert "信访事项转送单" in text  # an external lead unit
    assert "王秀英" in text and "（保密）" not in text and REDACTION_NOTE not in text
    assert "青山县自然资源局" in text and "督查科" in text  # lead and co-handler
    assert "请依法依规调查处理。" in text and "个工作日" in text  # instruction, rule text
    assert "青山县信访局" in text and "0371-62345678" in text


def test_routing_slip_is_blank_for_the_leader_until_an_instruction_is_recorded(
    db: Database, office: Office, tmp_path: Path
) -> None:
    blank, filled = tmp_path / "blank.pdf", tmp_path / "filled.pdf"
    print_routing_slip(db, office.confidential, blank).unwrap()
    print_routing_slip(db, office.ordinary, filled).unwrap()
    assert "领导批示" in pages(blank)[0] and "请依法依规" not in pages(blank)[0]
    assert "请依法依规调查处理。" in pages(filled)[0]
    assert "拟转送青山县自然资源局办理，督查科协办。" in pages(filled)[0]


def test_supervision_slip_has_a_copy_per_recipient_and_the_stub(
    db: Database, office: Office, tmp_path: Path
) -> None:
    pdf = tmp_path / "supervision.pdf"
    print_supervision_slips(db, office.ordinary, pdf).unwrap()
    texts = pages(pdf)
    assert len(texts) == 9
    for n, text in enumerate(texts[:8], start=1):
        assert f"第{n}联 共9联" in text and "督办单回执" in text and "沿虚线剪下" in text
        assert "2026年12月10日" in text  # the new deadline
    assert "县委书记" in texts[0] and EXTRA_ROLE in texts[6] and "责任单位" in texts[7]
    assert "第9联 共9联 存根" in texts[8] and "回执未收" in texts[8]
    assert len(PdfReader(pdf).pages) == 9


def test_missing_things_are_refused_without_a_file(
    db: Database, office: Office, tmp_path: Path
) -> None:
    pdf = tmp_path / "x.pdf"
    assert not print_supervision_slips(db, office.ordinary, pdf, slip_no="督〔2026〕99号").ok
    assert not print_referral_slip(db, "2026-99999", pdf).ok
    assert not pdf.exists()


def test_extension_notice_two_copies(db: Database, office: Office, tmp_path: Path) -> None:
    pdf = tmp_path / "extension.pdf"
    result = print_extension_notice(db, office.ordinary, pdf)
    assert result.ok, result.message
    fonts_embedded(pdf)
    first, second = pages(pdf)
    for text in (first, second):
        assert "信访事项延期办理告知书" in text and "第三十四条" in text
        assert "涉及多个部门，需会商处理" in text and "延长30日" in text
        assert "青信延〔2026〕" in text and "王秀英" in text
    assert "第一联（信访人联）" in first and "签收人" in second and "签收人" not in first


def test_overdue_notice_lists_units_but_not_the_excluded(
    db: Database, office: Office, tmp_path: Path
) -> None:
    pdf = tmp_path / "overdue.pdf"
    start, end = date(2026, 11, 1), date(2027, 3, 31)
    print_overdue_notice(db, start, end, pdf, today=date(2027, 4, 1)).unwrap()
    fonts_embedded(pdf)
    text = "".join(pages(pdf))
    assert "关于信访事项超期办理情况的通报" in text and "青山县自然资源局（2件）" in text
    assert office.confidential in text and office.ordinary in text
    assert "反映拆迁" not in text and "检举" not in text  # never the summary
    excluded = tmp_path / "excluded.pdf"
    ex = (Exclusion(office.ordinary, "已另行报告县委"),)
    print_overdue_notice(db, start, end, excluded, exclusions=ex, today=date(2027, 4, 1)).unwrap()
    text = "".join(pages(excluded))
    assert office.ordinary not in text and "青山县自然资源局（1件）" in text
    assert "另有1件经审核不列入本次通报" in text
