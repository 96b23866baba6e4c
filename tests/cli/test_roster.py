"""``petitiondesk roster generate|export``: exit codes, stderr, files read back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from petitiondesk.cli import main
from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.roster import (
    LeaderInput,
    RuleInput,
    list_roster,
    save_leader,
    save_reception_rule,
)
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.helpers import run_cli as run

Q4 = ("--from", "2026-10-01", "--to", "2026-12-31")


def counts(err: str) -> dict[str, int]:
    line = next(line for line in err.splitlines() if line.startswith("added="))
    return {key: int(value) for key, value in (part.split("=") for part in line.split())}


def make_office(path: Path, *, rules: bool = True) -> str:
    db = Database.open(path, create=True)
    try:
        ensure_defaults(db)
        for name, title, category in (("张建国", "局长", 1), ("李红梅", "副局长", 3)):
            assert save_leader(
                db, LeaderInput(name=name, title=title, category_ids=[category]), actor=actor("t")
            ).ok
        if rules:
            assert save_reception_rule(
                db,
                RuleInput(
                    name="每周一领导接待日",
                    kind=ReceptionRuleKind.WEEKDAY,
                    weekday=0,
                    slots="08:30-12:00;14:30-17:30",
                    place="县信访接待中心",
                    on_day_off=DayOffPolicy.NEXT,
                ),
                actor=actor("t"),
            ).ok
    finally:
        db.close()
    return str(path)


@pytest.fixture
def office(tmp_path: Path) -> str:
    return make_office(tmp_path / "office.sqlite")


def test_generate_prints_a_summary_and_is_idempotent(
    office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", office, "roster", "generate", *Q4)
    assert code == 0, err
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("新增26个接待时段")  # 13 Mondays, 国庆 10-05 moved to Thursday 10-08
    assert counts(err) == {
        "added": 26,
        "kept": 0,
        "moved": 2,
        "skipped": 0,
        "conflicts": 0,
        "unassigned": 0,
        "uncovered": 0,
        "removed": 0,
    }
    assert any("顺延" in line for line in lines) or "顺延" in lines[0]

    code, _out, err = run(capsys, "--db", office, "roster", "generate", *Q4)
    assert code == 0
    assert counts(err)["added"] == 0 and counts(err)["kept"] == 26
    db = Database.open(office)
    try:
        rows = list_roster(db, date(2026, 10, 1), date(2026, 12, 31))
    finally:
        db.close()
    assert len(rows) == 26
    assert date(2026, 10, 8) in {r.day for r in rows}  # 国庆 Monday moved to 10-08
    assert {r.leader_name for r in rows} == {"张建国", "李红梅"}


def test_generate_flags_a_year_without_holidays(
    office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "--db", office, "roster", "generate", "--from", "2035-03-01", "--to", "2035-03-31"
    )
    assert code == 0
    assert counts(err)["uncovered"] == counts(err)["added"] == 8
    assert "节假日尚未录入" in err.splitlines()[0]


def test_generate_failures_are_one_line(
    tmp_path: Path, office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = make_office(tmp_path / "bare.sqlite", rules=False)
    code, out, err = run(capsys, "--db", bare, "roster", "generate", *Q4)
    assert (code, out) == (1, "")
    assert err == "错误：没有启用的接待日规则，请先设置接待日规则\n"

    code, _out, err = run(
        capsys, "--db", office, "roster", "generate", "--from", "2026-12-31", "--to", "2026-10-01"
    )
    assert code == 1
    assert err == "错误：结束日期不能早于开始日期\n"

    assert (
        main(["--db", office, "roster", "generate", "--from", "2026-13-01", "--to", "2026-12-31"])
        == 2
    )
    assert "日期格式应为 YYYY-MM-DD" in capsys.readouterr().err


def test_export_pdf_and_xlsx(
    tmp_path: Path, office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", office, "roster", "generate", *Q4)[0] == 0
    pdf = tmp_path / "公示" / "2026Q4.pdf"
    code, out, err = run(capsys, "--db", office, "roster", "export", *Q4, "--out", str(pdf))
    assert (code, out) == (0, "")
    assert err.strip() == f"已生成2026年第四季度排班公示（PDF，26个接待时段）：{pdf}"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "")
    assert "领导接待日安排表" in text and "2026年第四季度" in text
    assert "张建国" in text and "李红梅" in text
    assert "2026年10月8日" in text and "星期四" in text  # the moved slot
    assert "2026年10月12日" in text and "星期一" in text

    xlsx = tmp_path / "2026Q4.xlsx"
    code, _out, err = run(capsys, "--db", office, "roster", "export", *Q4, "--out", str(xlsx))
    assert code == 0, err
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    rows = [row for row in sheet.iter_rows(values_only=True) if isinstance(row[0], datetime)]
    assert len(rows) == 13  # 26 slots, one row per day (morning and afternoon)
    assert rows[0][0] == datetime(2026, 10, 8)
    assert rows[0][1:5] == (
        "星期四",
        "上午 08:30—12:00\n下午 14:30—17:30",
        "县信访接待中心",
        "张建国",
    )


def test_export_failures_write_nothing(
    tmp_path: Path, office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _out, err = run(
        capsys, "--db", office, "roster", "export", *Q4, "--out", str(out_dir / "r.pdf")
    )
    assert code == 1
    assert err == "错误：2026年第四季度没有排班，请先生成排班\n"

    assert run(capsys, "--db", office, "roster", "generate", *Q4)[0] == 0
    code, _out, err = run(
        capsys, "--db", office, "roster", "export", *Q4, "--out", str(out_dir / "r.csv")
    )
    assert code == 1
    assert err.count("\n") == 1 and ".pdf" in err and ".xlsx" in err

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    code, _out, err = run(
        capsys, "--db", office, "roster", "export", *Q4, "--out", str(blocker / "r.pdf")
    )
    assert code == 1
    assert err.startswith("错误：") and err.count("\n") == 1
    assert list(out_dir.iterdir()) == []
