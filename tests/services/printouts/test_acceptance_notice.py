"""services.printouts.acceptance_notice: the acceptance notice (two copies in one PDF), read
back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from petitiondesk.core.enums import AcceptanceDecision, RejectionReason
from petitiondesk.printing.form_copies import render_form_copies_pdf
from petitiondesk.printing.form_pdf import FormValueError
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.printouts import print_acceptance_notice
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.services.printouts.case_setup import NOW, pages, register, set_up_office


@pytest.fixture
def office(db: Database) -> Database:
    return set_up_office(db)


def test_acceptance_notice_two_copies(office: Database, tmp_path: Path) -> None:
    db = office
    no = register(db)
    decide_acceptance(db, no, AcceptanceInput(AcceptanceDecision.ACCEPT, date(2026, 11, 24)),
                      actor="a", today=date(2026, 11, 25)).unwrap()  # fmt: skip
    out = tmp_path / "notice.pdf"
    result = print_acceptance_notice(db, no, out, actor="赵丽", now=NOW)
    assert result.ok, result.errors
    texts = pages(out)
    assert len(texts) == 2
    for text, copy in zip(texts, ("信访人联", "存档联"), strict=True):
        assert "信访事项受理告知书" in text and "王秀英" in text and "青信〔2026〕1号" in text
        assert "予以受理" in text and "第二十三条" in text and copy in text
        assert "（印章）" in text and "2026年11月24日" in text and "第 1 页  共 1 页" in text
    with db.read() as session:
        p = session.get(Petition, 1)
        assert p is not None and p.notice_printed_at == NOW


@pytest.mark.parametrize(
    "decision, reason, body, title, words",
    [
        (AcceptanceDecision.REJECT, RejectionReason.LITIGATION, "青山县人民法院", "不予受理告知书",
         ["诉讼、仲裁、行政复议", "青山县人民法院", "不予受理"]),
        (AcceptanceDecision.REJECT, RejectionReason.REVIEW_CONCLUDED, "", "不予受理告知书",
         ["复核终结", "不再受理"]),
        (AcceptanceDecision.FORWARD, None, "青山县住房和城乡建设局", "信访事项转送告知书",
         ["转送其他机关", "转送青山县住房和城乡建设局"]),
    ],
)  # fmt: skip
def test_rejection_and_forward_notices(
    office: Database, tmp_path: Path, decision: AcceptanceDecision,
    reason: RejectionReason | None, body: str, title: str, words: list[str],
) -> None:  # fmt: skip
    no = register(office)
    data = AcceptanceInput(decision, date(2026, 11, 24), reason=reason, redirect_body=body)
    decide_acceptance(office, no, data, actor="a", today=date(2026, 11, 25)).unwrap()
    out = tmp_path / "n.pdf"
    print_acceptance_notice(office, no, out, now=NOW).unwrap()
    texts = pages(out)
    assert len(texts) == 2
    for text in texts:
        assert title in text and "王秀英" in text and "青信〔2026〕1号" in text
        for word in words:
            assert word in text


def test_notice_refused_before_a_decision_and_nothing_written(
    office: Database, tmp_path: Path
) -> None:
    no = register(office)
    out = tmp_path / "out" / "n.pdf"
    result = print_acceptance_notice(office, no, out)
    assert "尚未作出受理决定" in result.message
    assert not print_acceptance_notice(office, "2026-09999", out).ok
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_long_summary_continues_within_each_copy(office: Database, tmp_path: Path) -> None:
    from petitiondesk.services.printouts import notice_values

    no = register(office)
    decide_acceptance(office, no, AcceptanceInput(AcceptanceDecision.ACCEPT, date(2026, 11, 24)),
                      actor="a", today=date(2026, 11, 25)).unwrap()  # fmt: skip
    with office.read() as session:
        p = session.get(Petition, 1)
        assert p is not None
        form_id, values = notice_values(session, p)
    values["body"] = "很长的告知内容。" * 400  # forces each copy onto several pages
    out = tmp_path / "long.pdf"
    render_form_copies_pdf(form_id, [{**values, "copy_label": c} for c in ("甲联", "乙联")], out)
    texts = pages(out)
    assert len(texts) % 2 == 0 and len(texts) >= 4
    half = len(texts) // 2
    assert "甲联" in texts[0] and "乙联" in texts[half]
    assert f"第 1 页  共 {half} 页" in texts[half]  # numbering restarts per copy
    assert f"第 {half} 页  共 {half} 页" in texts[-1]
    assert "（续）" in texts[1]
    with pytest.raises(FormValueError):
        render_form_copies_pdf(form_id, [{"no_such_field": "x"}], tmp_path / "bad.pdf")
    with pytest.raises(FormValueError):
        render_form_copies_pdf(form_id, [], tmp_path / "none.pdf")
    assert not (tmp_path / "bad.pdf").exists()
