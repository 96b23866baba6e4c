"""The ledger xlsx writer's output, read back cell by cell, is exactly what it was before
the writer was made faster (issue 15): ``data/ledger_golden.json`` was written by the
earlier writer from the same rows. Regenerate it only for a deliberate change:
``python -m tests.printing.test_ledger_xlsx_golden``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from petitiondesk.printing.ledger_xlsx import LedgerColumn, load_ledger, write_ledger_xlsx
from tests.printing.test_ledger_xlsx import register_row
from tests.printing.xlsx_dump import dump_xlsx

GOLDEN = Path(__file__).parent / "data" / "ledger_golden.json"

TRICKY = [
    "=SUM(A1:A9)", "+86 138", "-5", "@cmd", "\tx", "＝全角", "", None, "很长的反映内容" * 30,
    "第一行\n第二行\n第三行", "bad\x01char", "x" * 33_000, True, False, 42, "007", " 12 ",
    dt.date(2026, 3, 1), dt.datetime(2026, 3, 1, 8, 5), "#N/A", "a\u2026b—c", "ＡＢＣ全角",
]  # fmt: skip

COLUMNS = [
    LedgerColumn(key="text", header="文本列很长的标题需要换行", width=8, wrap=True),
    LedgerColumn(key="plain", header="不换行", width=6),
    LedgerColumn(key="num", header="数", width=4, kind="int"),
    LedgerColumn(key="day", header="日期", width=10, kind="date", date_style="chinese"),
    LedgerColumn(key="day2", header="日期2", width=10, kind="date"),
    LedgerColumn(key="when", header="时间", width=12, kind="datetime", date_style="chinese"),
    LedgerColumn(key="when2", header="时间2", width=12, kind="datetime"),
    LedgerColumn(key="mid", header="居中", width=5, align="center", wrap=True),
]


def _tricky_rows() -> list[dict[str, object]]:
    rows = []
    for i, value in enumerate(TRICKY):
        other = TRICKY[(i * 7 + 3) % len(TRICKY)]
        rows.append({column.key: (value if n % 2 else other) for n, column in enumerate(COLUMNS)})
    return rows


def _write(folder: Path) -> dict[str, Any]:
    register = load_ledger("register_ledger")
    a, b = folder / "a.xlsx", folder / "b.xlsx"
    write_ledger_xlsx(a, "标题", COLUMNS, _tricky_rows(), subtitle="2026年", footer_lines=["注"])
    rows = [register_row(i, summary=TRICKY[i % len(TRICKY)] if i % 3 else "") for i in range(60)]
    write_ledger_xlsx(b, "登记", register.columns, rows, sheet_name=register.sheet_name)
    return {"tricky": dump_xlsx(a), "register": dump_xlsx(b)}


def test_output_is_unchanged(tmp_path: Path) -> None:
    got = json.loads(json.dumps(_write(tmp_path)))
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for part in ("tricky", "register"):
        for key in expected[part]:
            assert got[part][key] == expected[part][key], (part, key)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        data = _write(Path(folder))
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
