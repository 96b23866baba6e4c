"""Register numbers: gap-free per year, unique under concurrent saves."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from petitiondesk.core.enums import Channel
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.counters import allocate_register_seq
from petitiondesk.store.db import Database
from tests.helpers import actor, url_of


def test_sequence_per_year_and_rollback_gives_number_back(db: Database) -> None:
    with db.write() as session:
        assert [allocate_register_seq(session, 2026) for _ in range(3)] == [1, 2, 3]
        assert allocate_register_seq(session, 2025) == 1
    with pytest.raises(RuntimeError), db.write() as session:
        assert allocate_register_seq(session, 2026) == 4
        raise RuntimeError("save failed")
    with db.write() as session:
        assert allocate_register_seq(session, 2026) == 4


def _visit(i: int) -> VisitInput:
    return VisitInput(
        channel=Channel.PHONE,
        received_at=datetime(2026, 3, 2, 9, 0),
        name=f"来电人{i}",
        phone="13800000000",
        summary="反映噪声扰民",
        category_id=1,
        receiving_officer="赵丽",
    )


@pytest.mark.slow
def test_concurrent_saves_get_distinct_gapless_numbers(db: Database) -> None:
    workers, per_worker = 6, 8
    numbers: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(w: int) -> None:
        own = Database.open(url_of(db))  # a separate engine, as a second program would have
        try:
            for k in range(per_worker):
                result = register_visit(
                    own, _visit(w * 100 + k), actor=actor("t"), now=datetime(2026, 3, 2, 10, 0)
                )
                with lock:
                    if result.ok:
                        numbers.append(result.unwrap().register_no)
                    else:
                        errors.append(result.message)
        finally:
            own.close()

    threads = [threading.Thread(target=work, args=(w,)) for w in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = {f"2026-{n:05d}" for n in range(1, workers * per_worker + 1)}
    assert sorted(numbers) == sorted(expected)
