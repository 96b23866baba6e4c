"""`petitiondesk print acceptance-notice` and `print conversation-record`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from petitiondesk.cli import main
from petitiondesk.store.db import Database
from petitiondesk.store.models import ConversationRecord, Petition
from tests.helpers import DEMO_AS_OF, actor, run_cli


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    # More visits than tests/cli/conftest.py's demo_db: every kind of decision occurs.
    path = str(tmp_path / "demo.sqlite")
    code, _out, err = run_cli(
        capsys, "--db", path, "demo", "--visits", "60", "--seed", "3", "--as-of", DEMO_AS_OF
    )
    assert code == 0, err
    return path


def pick(path: str) -> dict[str, tuple[str, str, str]]:
    """A decided case of each decision and a case with a conversation record:
    kind -> (register_no, petitioner name, notice number)."""
    db = Database.open(path)
    found: dict[str, tuple[str, str, str]] = {}
    with db.read() as session:
        for p in session.scalars(select(Petition).order_by(Petition.id)):
            name = p.petitioner.name if p.petitioner else ""
            if p.acceptance is not None:
                found.setdefault(p.acceptance.value, (p.register_no, name, p.notice_no))
        talk = session.scalars(select(ConversationRecord).order_by(ConversationRecord.id)).first()
        assert talk is not None
        p = session.get(Petition, talk.petition_id)
        assert p is not None and p.petitioner is not None
        found["talk"] = (p.register_no, p.petitioner.name, "")
    db.close()
    return found


def undecided_case(path: str) -> str:
    """A petition registered just now: no acceptance decision yet."""
    from datetime import datetime

    from petitiondesk.core.enums import Channel
    from petitiondesk.services.intake import VisitInput, register_visit

    db = Database.open(path)
    data = VisitInput(channel=Channel.PHONE, received_at=datetime.now().replace(microsecond=0),
                      name="李四", phone="13800138000", category_id=1, summary="咨询政策。",
                      receiving_officer="赵丽")  # fmt: skip
    number = register_visit(db, data, actor=actor("test")).unwrap().register_no
    db.close()
    return number


def text_of(pdf: Path) -> list[str]:
    return [page.extract_text().replace("\n", "") for page in PdfReader(pdf).pages]


@pytest.mark.parametrize(
    "kind, words",
    [
        ("accept", ["受理告知书", "予以受理"]),
        ("reject", ["不予受理告知书"]),
        ("forward", ["转送告知书"]),
    ],
)
def test_print_acceptance_notice_two_copies(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, words: list[str]
) -> None:
    number, name, notice_no = pick(demo_db)[kind]
    pdf = tmp_path / "notice.pdf"
    code, out, err = run_cli(
        capsys, "--db", demo_db, "print", "acceptance-notice", "--case", number, "--out", str(pdf)
    )
    assert code == 0, err
    assert out == "" and "一式二份" in err
    pages = text_of(pdf)
    assert len(pages) == 2
    assert "信访人联" in pages[0] and "存档联" in pages[1]
    year = notice_no[notice_no.index("〔") + 1 : notice_no.index("〕")]
    for page in pages:
        assert name in page and notice_no in page and f"〔{year}〕" in page and number in page
        for word in words:
            assert word in page


def test_print_conversation_record(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, name, _ = pick(demo_db)["talk"]
    pdf = tmp_path / "talk.pdf"
    code, _, err = run_cli(
        capsys, "--db", demo_db, "print", "conversation-record", "--case", number, "--out", str(pdf)
    )
    assert code == 0, err
    (page,) = text_of(pdf)
    assert "接谈记录" in page and number in page and name in page and "领导意见" in page


@pytest.mark.parametrize(
    "form, case_kind, message",
    [
        ("acceptance-notice", "undecided", "尚未作出受理决定"),
        ("acceptance-notice", None, "1999-00001"),
        ("conversation-record", None, "1999-00001"),
    ],
)
def test_errors_are_one_line_and_write_nothing(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    form: str, case_kind: str | None, message: str,
) -> None:  # fmt: skip
    number = undecided_case(demo_db) if case_kind else "1999-00001"
    out_dir = tmp_path / "out"
    pdf = out_dir / "x.pdf"
    code, out, err = run_cli(
        capsys, "--db", demo_db, "print", form, "--case", number, "--out", str(pdf)
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("错误：") and message in err
    assert not pdf.exists()
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_conversation_record_missing_is_an_error(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(demo_db)
    with db.read() as session:
        with_talk = set(session.scalars(select(ConversationRecord.petition_id)))
        number = session.scalars(
            select(Petition.register_no).where(Petition.id.not_in(with_talk)).order_by(Petition.id)
        ).first()
    db.close()
    assert number is not None
    code, _, err = run_cli(capsys, "--db", demo_db, "print", "conversation-record", "--case", number,
                       "--out", str(tmp_path / "t.pdf"))  # fmt: skip
    assert code == 1 and "还没有接谈记录" in err


def test_print_help_lists_the_new_forms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "--help"]) == 0
    out = capsys.readouterr().out
    assert "acceptance-notice" in out and "conversation-record" in out and "registration" in out
