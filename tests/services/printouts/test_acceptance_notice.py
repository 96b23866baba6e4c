"""services.printouts.acceptance_notice: the acceptance notice (two copies in one PDF), read
back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from petitiondesk.core.enums import AcceptanceDecision, RejectionReason
from petitiondesk.printing.form_copies import render_form_copies_pdf
from petitiondesk.printing.form_pdf import FormValueError
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.printouts import print_acceptance_notice
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.helpers import actor
from tests.services.printouts.case_setup import NOW, pages, register, set_up_office

MM = 72 / 25.4


@pytest.fixture
def office(db: Database) -> Database:
    return set_up_office(db)


def test_acceptance_notice_two_copies(office: Database, tmp_path: Path) -> None:
    db = office
    no = register(db)
    decide_acceptance(db, no, AcceptanceInput(AcceptanceDecision.ACCEPT, date(2026, 11, 24)),
                      actor=actor("a"), today=date(2026, 11, 25)).unwrap()  # fmt: skip
    out = tmp_path / "notice.pdf"
    result = print_acceptance_notice(db, no, out, actor=actor("赵丽"), now=NOW)
    assert result.ok, result.errors
    texts = pages(out)
    assert len(texts) == 2
    for text, copy in zip(texts, ("信访人联", "存档联"), strict=True):
        assert "信访事项受理告知书" in text and "王秀英" in text and "青信〔2026〕1号" in text
        assert "予以受理" in text and "第二十三条" in text and copy in text
        assert "（印章）" not in text and "2026年11月24日" in text and "— 1 —" in text
    with db.read() as session:
        p = session.get(Petition, 1)
        assert p is not None and p.notice_printed_at == NOW


@pytest.mark.parametrize(
    "decision, reason, body, title, words",
    [
        (AcceptanceDecision.REJECT, RejectionReason.LITIGATION, "青山县人民法院",
         "信访事项不予受理告知书",
         ["诉讼、仲裁、行政复议", "青山县人民法院", "不予受理", "第二十九条"]),
        (AcceptanceDecision.REJECT, RejectionReason.REVIEW_CONCLUDED, "", "信访事项不予受理告知书",
         ["复核终结", "不再受理", "第三十六条"]),
        (AcceptanceDecision.FORWARD, None, "青山县住房和城乡建设局", "信访事项转送告知书",
         ["转送其他机关", "转送青山县住房和城乡建设局", "第二十二条"]),
    ],
)  # fmt: skip
def test_rejection_and_forward_notices(
    office: Database, tmp_path: Path, decision: AcceptanceDecision,
    reason: RejectionReason | None, body: str, title: str, words: list[str],
) -> None:  # fmt: skip
    no = register(office)
    data = AcceptanceInput(decision, date(2026, 11, 24), reason=reason, redirect_body=body)
    decide_acceptance(office, no, data, actor=actor("a"), today=date(2026, 11, 25)).unwrap()
    out = tmp_path / "n.pdf"
    print_acceptance_notice(office, no, out, now=NOW, actor=actor()).unwrap()
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
    result = print_acceptance_notice(office, no, out, actor=actor())
    assert "尚未作出受理决定" in result.message
    assert not print_acceptance_notice(office, "2026-09999", out, actor=actor()).ok
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_long_summary_continues_within_each_copy(office: Database, tmp_path: Path) -> None:
    from petitiondesk.services.printouts import notice_values

    no = register(office)
    decide_acceptance(office, no, AcceptanceInput(AcceptanceDecision.ACCEPT, date(2026, 11, 24)),
                      actor=actor("a"), today=date(2026, 11, 25)).unwrap()  # fmt: skip
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
    assert texts[half].endswith("— 1 —")  # numbering restarts per copy (联)
    assert f"— {half} —" in texts[half - 1] and f"— {half} —" in texts[-1]
    assert "（续）" in texts[1]
    with pytest.raises(FormValueError):
        render_form_copies_pdf(form_id, [{"no_such_field": "x"}], tmp_path / "bad.pdf")
    with pytest.raises(FormValueError):
        render_form_copies_pdf(form_id, [], tmp_path / "none.pdf")
    assert not (tmp_path / "bad.pdf").exists()


def _runs(path: Path, page: int) -> list[tuple[str, float, float]]:
    """The text runs of one page with their start x and baseline y (pt)."""
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text.strip():
            runs.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5]))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return runs


def test_notice_signed_like_an_official_letter(office: Database, tmp_path: Path) -> None:
    """Issuing body and date at the right, about four characters from the margin, with
    blank room for the seal above them; a 签收 line on the 存档联 only; each copy is
    numbered from — 1 —."""
    no = register(office)
    decide_acceptance(office, no, AcceptanceInput(AcceptanceDecision.ACCEPT, date(2026, 11, 24)),
                      actor=actor("a"), today=date(2026, 11, 25)).unwrap()  # fmt: skip
    out = tmp_path / "notice.pdf"
    print_acceptance_notice(office, no, out, now=NOW, actor=actor()).unwrap()
    texts = pages(out)
    assert "签收人" not in texts[0] and "签收人" in texts[1] and "日期" in texts[1]
    width = float(PdfReader(out).pages[0].mediabox.width)
    for page in (0, 1):
        runs = _runs(out, page)
        assert any(text == "— 1 —" for text, _, _ in runs), runs
        (date_x, date_y) = next((x, y) for t, x, y in runs if t == "2026年11月24日")
        (name_x, name_y) = next((x, y) for t, x, y in runs if t == "青山县信访局" and x > width / 2)
        # the date ends four 12-pt characters (≈ 17 mm) before the right margin (18 mm)
        date_end = date_x + 7 * 12  # "2026年11月24日": 4 + 4 x half width + 3 CJK ≈ 7 em
        assert width - 18 * MM - 4 * 12 - 12 <= date_end <= width - 18 * MM - 4 * 12 + 12
        assert name_x > width / 2 and name_y > date_y
        above = [y for t, _, y in runs if y > name_y + 1]
        assert min(above) - name_y >= 15 * MM  # blank room for the seal
