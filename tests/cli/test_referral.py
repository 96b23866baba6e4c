"""`petitiondesk overdue` and the `print` choices of the 交办督办 tab on the demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from petitiondesk.services.referrals import OVERDUE_HEADER, overdue_referrals
from petitiondesk.store.db import Database
from petitiondesk.store.models import Extension, Petition, Referral, SupervisionSlip
from tests.helpers import run_cli


def cases(path: Path) -> dict[str, str]:
    db = Database.open(path)
    with db.read() as s:

        def number(stmt: object) -> str:
            pid = s.scalar(stmt)  # type: ignore[call-overload]
            petition = s.get(Petition, pid)
            assert petition is not None
            return petition.register_no

        found = {
            "referral": number(select(Referral.petition_id).limit(1)),
            "routing": number(select(Referral.petition_id).limit(1)),
            "supervision": number(select(SupervisionSlip.petition_id).limit(1)),
            "extension-notice": number(
                select(Referral.petition_id).join(Extension, Extension.referral_id == Referral.id)
            ),
        }
    db.close()
    return found


def test_overdue_prints_tsv(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--db", str(demo_path), "overdue", "--as-of", "2026-11-20")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split("\t") == list(OVERDUE_HEADER)
    db = Database.open(demo_path)
    expected = overdue_referrals(db, date(2026, 11, 20))
    db.close()
    assert expected and [line.split("\t") for line in lines[1:]] == [
        list(r.cells()) for r in expected
    ]


def test_overdue_bad_date(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--db", str(demo_path), "overdue", "--as-of", "20.11.")
    assert code == 2 and out == ""
    assert "日期" in err and "Traceback" not in err


@pytest.mark.parametrize("form", ["referral", "routing", "supervision", "extension-notice"])
def test_print_case_forms(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    number = cases(demo_path)[form]
    pdf = tmp_path / f"{form}.pdf"
    code, _, err = run_cli(
        capsys, "--db", str(demo_path), "print", form, "--case", number, "--out", str(pdf)
    )
    assert code == 0, err
    assert number in PdfReader(pdf).pages[0].extract_text().replace("\n", "")


def test_print_overdue_notice(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "notice.pdf"
    args = ["--db", str(demo_path), "print", "overdue-notice", "--out", str(pdf)]
    code, _, err = run_cli(capsys, *args, "--from", "2026-09-01", "--to", "2026-11-30")
    assert code == 0, err
    assert "超期办理情况的通报" in PdfReader(pdf).pages[0].extract_text().replace("\n", "")
    code, _, err = run_cli(capsys, *args, "--from", "2026-09-01")
    assert code == 1 and err.startswith("错误：") and len(err.strip().splitlines()) == 1


def test_overdue_notice_leaves_out_the_excluded_case(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--db", str(demo_path), "overdue", "--as-of", "2026-11-30")
    assert code == 0
    first = out.splitlines()[1].split("\t")[0]  # an overdue case of the demo
    pdf = tmp_path / "notice.pdf"
    args = ["--db", str(demo_path), "print", "overdue-notice", "--out", str(pdf),
            "--from", "2026-09-01", "--to", "2026-11-30"]  # fmt: skip
    assert run_cli(capsys, *args)[0] == 0
    assert first in PdfReader(pdf).pages[0].extract_text()
    code, _, err = run_cli(capsys, *args, "--exclude", f"{first}=已报经主任同意延期")
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert first not in text
    code, _, err = run_cli(capsys, *args, "--exclude", first)
    assert code == 2 and "编号=理由" in err and "Traceback" not in err


def test_print_without_a_slip_fails_in_one_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "x.pdf"
    number = cases(demo_path)["supervision"]
    code, _, err = run_cli(capsys, "--db", str(demo_path), "print", "supervision",
                           "--case", number, "--slip", "督〔2026〕99号", "--out", str(pdf))  # fmt: skip
    assert code == 1 and "没有督办单" in err and not pdf.exists()
    code, _, err = run_cli(capsys, "--db", str(demo_path), "print", "referral", "--out", str(pdf))
    assert code == 1 and "--case" in err
