"""Plain helpers shared by test modules (``from tests.helpers import ...``; pytest's
importlib mode makes the ``tests`` folder importable as a package)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from petitiondesk.core.enums import Channel
from petitiondesk.core.identity import Actor, Role, issue
from petitiondesk.services.intake import VisitInput
from petitiondesk.store.db import Database


def actor(name: str = "赵丽", role: Role = Role.CLERK, account_id: int | None = None) -> Actor:
    """An issued actor for a service call (what a login or the CLI would hand over)."""
    return issue(name, role, account_id)


def earlier_today(minutes: int = 60) -> datetime:
    """A whole minute ``minutes`` ago, but never before today's midnight: a visit
    "received earlier today" that stays on today's register whenever the suite runs."""
    now = datetime.now().replace(second=0, microsecond=0)
    return max(now - timedelta(minutes=minutes), datetime.combine(now.date(), time(0, 0)))


#: The pinned "now" of demo databases made in tests: the same data whatever day the
#: suite runs (a demo made "as of now" changes with the date and the time of day).
DEMO_NOW = datetime(2026, 11, 20, 12, 0)
DEMO_AS_OF = DEMO_NOW.isoformat(timespec="minutes")


GOOD_ID = "11010519491231002X"  # valid check digit, female, born 1949-12-31


def visit_input(**changes: object) -> VisitInput:
    """A walk-in visit by 王秀英 (GOOD_ID) as the clerk types it; ``changes`` replace fields."""
    data = VisitInput(
        channel=Channel.VISIT,
        received_at=datetime(2026, 11, 20, 9, 30),
        name="王秀英",
        id_number=GOOD_ID,
        phone="13912345678",
        address="青山县城关镇前进村8号",
        category_id=1,
        summary="反映拆迁补偿款未按协议发放。",
        receiving_officer="赵丽",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: (exit code, stdout, stderr)."""
    from petitiondesk.cli import main  # only the CLI tests need it loaded

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def damage_pages(db_path: Path, table: str = "petition") -> None:
    """Overwrite two leaf pages of ``table`` in the middle of a closed database file with
    garbage (what a failing disk leaves): the file still opens, a check finds it."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    conn.close()
    assert len(leaves) >= 3, "too few rows to damage pages in the middle"
    with db_path.open("r+b") as raw:
        for page in leaves[1:3]:
            raw.seek((page - 1) * size + 8)
            raw.write(b"\xa5" * 600)


def admin(name: str = "钱卫东", account_id: int | None = None) -> Actor:
    """An issued administrator (settings, deadline rules, holiday calendar, accounts)."""
    return issue(name, Role.ADMIN, account_id)


def url_of(db: Database) -> str:
    """``db``'s SQLite file or PostgreSQL URL (with its password), for a second engine on
    the same register: another desk, thread or process."""
    return db.url.render_as_string(hide_password=False)
