"""`petitiondesk print opinion|closure|review-decision` on the demo (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from petitiondesk.core.enums import CaseStatus, ReviewLevel
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition, ReviewRequest
from tests.helpers import run_cli


def final_case(path: Path) -> tuple[str, str, dict[ReviewLevel, int]]:
    """(the 复核终结 case, its opinion number, review id by level)."""
    db = Database.open(path)
    with db.read() as s:
        p = s.scalars(select(Petition).where(Petition.status == CaseStatus.FINAL)).one()
        opinion = s.scalars(select(Closure.opinion_no).where(Closure.petition_id == p.id)).one()
        reviews = s.scalars(select(ReviewRequest).where(ReviewRequest.petition_id == p.id)).all()
        found = p.register_no, opinion, {rv.level: rv.id for rv in reviews}
    db.close()
    return found


def text(pdf: Path) -> str:
    return "".join(page.extract_text().replace("\n", "") for page in PdfReader(pdf).pages)


def _print(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str]:
    code, _, err = run_cli(capsys, "--db", str(path), "print", *args)
    return code, err


@pytest.mark.parametrize(
    ("form", "expected"),
    [("opinion", "信访处理意见书"), ("closure", "信访事项办结单"),
     ("review-decision", "本复核意见为终结意见")],
)  # fmt: skip
def test_print_closure_forms(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, expected: str
) -> None:
    number, opinion_no, _ = final_case(demo_path)
    pdf = tmp_path / f"{form}.pdf"
    code, err = _print(capsys, demo_path, form, "--case", number, "--out", str(pdf))
    assert code == 0, err
    printed = text(pdf)
    assert expected in printed and number in printed
    if form != "review-decision":
        assert opinion_no in printed


def test_print_review_decision_by_review_id(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _, reviews = final_case(demo_path)
    pdf = tmp_path / "review.pdf"
    code, err = _print(capsys, demo_path, "review-decision", "--case", number,
                       "--review", str(reviews[ReviewLevel.REVIEW]), "--out", str(pdf))  # fmt: skip
    assert code == 0, err
    printed = text(pdf)
    assert "信访事项复查意见书" in printed and "请求复核" in printed


def test_print_closure_forms_fail_in_one_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "x.pdf"
    code, err = _print(capsys, demo_path, "opinion", "--out", str(pdf))
    assert code == 1 and "--case" in err
    for form in ("opinion", "closure", "review-decision"):
        code, err = _print(capsys, demo_path, form, "--case", "2026-99999", "--out", str(pdf))
        assert code == 1 and err.startswith("错误：") and len(err.strip().splitlines()) == 1
        assert "找不到" in err and not pdf.exists()
    code, err = _print(capsys, demo_path, "opinion", "--case", "2026-00001", "--out", "x.txt")
    assert code != 0 and "Traceback" not in err
