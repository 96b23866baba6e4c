"""A saving program killed at random points (SIGKILL) loses nothing it reported saved.

A child process registers visits through the services one after another and prints
each register number once its transaction has committed. The test kills it at a random
moment (several rounds, the database reopened by each new child), then checks that every
number the child reported is in the register, the numbers are gap-free, the file passes
``PRAGMA integrity_check`` and the audit chain holds.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from petitiondesk.services.integrity import full_check
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 4
CHILD = """
import sys
from datetime import datetime
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor, visit_input

db = Database.open(sys.argv[1])
print("ready", flush=True)
now = datetime(2026, 11, 20, 10, 0)
while True:
    data = visit_input(people_count=1, place="城关镇", demands="要求答复", duty_leader_id=1)
    result = register_visit(db, data, actor=actor("crash-test"), now=now)
    if not result.ok:
        print("refused", result.message, flush=True)
        sys.exit(2)
    print(result.unwrap().register_no, flush=True)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _run_round(path: Path, rng: random.Random) -> list[str]:
    """Start a child, let it save for a random time, kill it; the numbers it reported."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.2, 1.2))
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=10)
    lines = out.splitlines()
    assert not any(line.startswith("refused") for line in lines), lines
    return [line for line in lines if line.strip()]


def test_killed_saves_lose_nothing_reported(db: Database, db_path: Path) -> None:
    db.close()  # the children own the file now
    rng = random.Random(int(os.environ.get("CRASH_SEED", "0")) or None)
    reported: list[str] = []
    for _ in range(ROUNDS):
        reported += _run_round(db_path, rng)
    assert reported, "the child never finished a save"

    check = Database.open(db_path)
    try:
        with check.read() as session:
            stored = list(session.scalars(select(Petition.register_no).order_by(Petition.id)))
        assert set(reported) <= set(stored)
        sequence = sorted(int(number.split("-")[1]) for number in stored)
        assert sequence == list(range(1, len(sequence) + 1))
        result = full_check(check)
        assert result.ok, result.message
    finally:
        check.close()
