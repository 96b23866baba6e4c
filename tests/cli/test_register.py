"""``petitiondesk demo`` and ``petitiondesk cases``: demo data, cases as TSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from petitiondesk.core.enums import CaseStatus
from tests.helpers import DEMO_AS_OF, run_cli


def test_cases_prints_tsv_with_header(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--db", demo_db, "cases")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "register_no\treceived_date\tchannel\tcategory\tstatus"
    assert len(lines) == 41
    for line in lines[1:]:
        number, received, channel, _category, status = line.split("\t")
        assert number[:4] == received[:4]
        assert channel in {"visit", "letter", "phone", "online"}
        # the demo now also refers cases (交办督办): referred, answered, …
        assert status in {s.value for s in CaseStatus}
    year = lines[1].split("\t")[0][:4]
    _, filtered, _ = run_cli(
        capsys, "--db", demo_db, "cases", "--year", year, "--status", "accepted"
    )
    rows = filtered.splitlines()[1:]
    assert rows and all(r.startswith(year) and r.endswith("\taccepted") for r in rows)


def test_demo_is_deterministic_for_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for name in ("a.sqlite", "b.sqlite"):
        path = str(tmp_path / name)
        code, _, err = run_cli(
            capsys, "--db", path, "demo", "--visits", "15", "--seed", "9", "--as-of", DEMO_AS_OF
        )
        assert code == 0, err
        outputs.append(run_cli(capsys, "--db", path, "cases")[1])
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 16  # header + 15 visits


@pytest.mark.parametrize(
    ("as_of", "message"),
    [("2026-13-01T09:00", "年-月-日T时:分"), ("2999-01-01T09:00", "不能晚于现在")],
)
def test_demo_refuses_a_bad_or_future_moment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], as_of: str, message: str
) -> None:
    path = tmp_path / "demo.sqlite"
    code, _, err = run_cli(capsys, "--db", str(path), "demo", "--as-of", as_of)
    assert code != 0 and message in err
    assert not path.exists() or run_cli(capsys, "--db", str(path), "cases")[1].count("\n") <= 1


def test_demo_as_of_sets_the_latest_registration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "demo.sqlite")
    run_cli(capsys, "--db", path, "demo", "--visits", "30", "--seed", "2", "--as-of", DEMO_AS_OF)
    _, out, _ = run_cli(capsys, "--db", path, "cases")
    days = sorted(line.split("\t")[1] for line in out.splitlines()[1:])
    assert days[-1] == "2026-11-20"
