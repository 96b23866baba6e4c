"""``petitiondesk export LEDGER --from D --to D | --year Y --out FILE(.pdf|.xlsx)``: every
ledger of the registry, round trip through the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from petitiondesk.cli.export import LEDGER_HELP
from petitiondesk.services.ledgers import LEDGERS
from tests.helpers import run_cli


def test_the_cli_names_every_ledger_of_the_registry() -> None:
    assert list(LEDGER_HELP) == list(LEDGERS)
    assert all(LEDGER_HELP[key] == LEDGERS[key].title for key in LEDGERS)


@pytest.mark.parametrize("key", list(LEDGER_HELP))
def test_every_ledger_round_trips(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    db = str(demo_path)
    xlsx, pdf = tmp_path / f"{key}.xlsx", tmp_path / f"{key}.pdf"
    period = ["--from", "2023-01-01", "--to", "2026-12-31"]
    code, _, err = run_cli(capsys, "--db", db, "export", key, *period, "--out", str(xlsx))
    assert code == 0, err
    count = int(err.split(" ")[1])
    book = load_workbook(xlsx, read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    assert LEDGERS[key].title in str(rows[0][0]) and len(rows) == 3 + count
    code, _, err = run_cli(capsys, "--db", db, "export", key, "--year", "2026", "--out", str(pdf))
    assert code == 0, err
    assert LEDGERS[key].title in PdfReader(pdf).pages[0].extract_text().replace(" ", "")


def test_range_errors_are_one_chinese_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.xlsx")
    db = str(demo_path)
    code, _, err = run_cli(
        capsys, "--db", db, "export", "referral", "--from", "2026-01-01", "--out", out
    )
    assert code == 1 and "--to" in err
    code, _, err = run_cli(
        capsys, "--db", db, "export", "referral", "--from", "2026-02-01", "--to", "2026-01-01",
        "--out", out,
    )  # fmt: skip
    assert code == 1 and "起始日期不能晚于截止日期" in err
    code, _, err = run_cli(
        capsys, "--db", db, "export", "referral", "--year", "2026", "--out", str(tmp_path / "x.csv")
    )
    assert code == 1 and ".pdf 或 .xlsx" in err
    assert not list(tmp_path.iterdir())
