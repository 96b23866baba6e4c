"""The substring index (store/search_index.py): the same rows as LIKE, kept in step by
every ORM write, newest first, rebuilt on demand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, or_, select

from petitiondesk.core.enums import Channel
from petitiondesk.services.cases import LIKE_ESCAPE, SearchQuery, like_contains, search_cases
from petitiondesk.services.petitioners import PetitionerInput, update_petitioner
from petitiondesk.store import search_index
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, Petitioner
from tests.helpers import actor

# FTS5 itself; PostgreSQL searches with ILIKE instead: tests/store/test_multidesk.py
pytestmark = pytest.mark.sqlite_only

T0 = datetime(2026, 3, 2, 9, 0)
# A few common and rare characters, ASCII letters in both cases, digits, punctuation.
ALPHABET = "王秀英李拆迁补偿款噪声村号abcAB019 %_-，。"
texts = st.text(alphabet=ALPHABET, max_size=24)
fragments = st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=4)


def _add(db: Database, rows: list[tuple[str, str, str]]) -> list[int]:
    ids = []
    with db.write() as session:
        for number, (name, address, summary) in enumerate(rows, start=1):
            person = Petitioner(name=name, address=address)
            petition = Petition(
                register_no=f"2026-{number:05d}",
                year=2026,
                seq=number,
                channel=Channel.VISIT,
                received_at=T0 + timedelta(hours=number % 3, minutes=number),
                petitioner=person,
                summary=summary,
            )
            session.add(petition)
            session.flush()
            ids.append(petition.id)
    return ids


def _by_index(db: Database, fragment: str) -> list[int]:
    match, petition_id, key = search_index.match_rows(fragment)
    with db.read() as session:
        stmt = select(petition_id).select_from(search_index.index_table).where(match)
        return list(session.scalars(stmt.order_by(key.desc())))


def _by_like(db: Database, fragment: str) -> set[int]:
    pattern = like_contains(fragment)
    with db.read() as session:
        stmt = (
            select(Petition.id)
            .outerjoin(Petitioner, Petitioner.id == Petition.petitioner_id)
            .where(
                or_(
                    *(
                        column.like(pattern, escape=LIKE_ESCAPE)
                        for column in (Petitioner.name, Petitioner.address, Petition.summary)
                    )
                )
            )
        )
        return set(session.scalars(stmt))


def _clear(db: Database) -> None:
    with db.write() as session:
        for petition in session.scalars(select(Petition)):
            session.delete(petition)
        session.execute(delete(Petitioner))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(texts, texts, texts), min_size=1, max_size=6),
    picks=st.lists(fragments, min_size=1, max_size=4),
    data=st.data(),
)
def test_index_finds_exactly_what_like_finds(
    db: Database, rows: list[tuple[str, str, str]], picks: list[str], data: st.DataObject
) -> None:
    _add(db, rows)
    try:
        # Fragments cut from the texts (hits) and random ones (mostly misses).
        for name, address, summary in rows:
            whole = data.draw(st.sampled_from((name, address, summary)))
            if whole.strip():
                start = data.draw(st.integers(0, len(whole) - 1))
                picks.append(whole[start : start + data.draw(st.integers(1, 4))])
        for fragment in picks:
            found = _by_index(db, fragment)
            assert len(found) == len(set(found))
            assert set(found) == _by_like(db, fragment), fragment
    finally:
        _clear(db)
    assert _by_index(db, "王") == []


def test_newest_first_and_within_dates(db: Database) -> None:
    ids = _add(db, [("王一", "", "拆迁"), ("王二", "", "拆迁"), ("李三", "", "噪声")])
    with db.read() as session:
        times = {p.id: p.received_at for p in session.scalars(select(Petition))}
    found = _by_index(db, "王")
    assert found == sorted(ids[:2], key=lambda i: (times[i], i), reverse=True)
    rows = search_cases(db, SearchQuery(text="拆迁"))
    assert [r.id for r in rows] == found
    late = max(times[i] for i in ids[:2])
    rows = search_cases(db, SearchQuery(text="拆迁", date_from=late.date()))
    assert {r.id for r in rows} == set(ids[:2])  # same day: both


def test_writes_keep_the_index_in_step(db: Database) -> None:
    (pid,) = _add(db, [("王秀英", "城关镇", "反映噪声扰民")])
    with db.write() as session:
        petition = session.get(Petition, pid)
        assert petition is not None
        petition.summary = "反映拖欠工资"
        petition.received_at = petition.received_at - timedelta(days=400)
    assert _by_index(db, "噪声") == [] and _by_index(db, "工资") == [pid]
    with db.read() as session:
        person_id = session.scalar(select(Petition.petitioner_id).where(Petition.id == pid))
    assert person_id is not None
    result = update_petitioner(
        db, person_id, PetitionerInput(name="李红", address="前进村"), actor=actor()
    )
    assert result.ok, result.errors
    assert _by_index(db, "秀英") == [] and _by_index(db, "李红") == [pid]
    assert _by_index(db, "前进") == [pid] and _by_index(db, "城关") == []
    with db.write() as session:
        session.execute(delete(Petition).where(Petition.id == -1))  # Core: not tracked
        petition = session.get(Petition, pid)
        session.delete(petition)
    assert _by_index(db, "工资") == []


def test_rebuild_restores_what_bulk_writes_bypassed(db: Database) -> None:
    (pid,) = _add(db, [("王秀英", "", "反映噪声扰民")])
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE petition SET summary = '物业费纠纷'")
    assert _by_index(db, "物业") == []
    with db.engine.begin() as conn:
        assert search_index.rebuild(conn) == 1
    assert _by_index(db, "物业") == [pid] and _by_index(db, "噪声") == []


def test_tokens_and_phrases() -> None:
    assert search_index.tokens("王A1") == "王 A 1"
    assert search_index.tokens("１００％") == "1 0 0 " + chr(0xF0025)
    assert search_index.phrase("") == ""
    assert search_index.phrase('"x') == f'"{chr(0xF0022)} x"'
    assert search_index.time_key(datetime(2000, 1, 1, 0, 0, 1), 5) == (1 << 31) + 5
