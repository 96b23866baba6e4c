"""Build (and cache) a realistic synthetic register for ``petitiondesk bench``.

A database of N visits over ``years`` years — petitioners who come back, the demo's names,
places and complaints with variations, statuses by age (old cases closed or archived,
recent ones open) — written with bulk Core inserts in batches, then the search index is
rebuilt in one pass (bulk inserts bypass the session hook that keeps it in step).

The database is cached under /tmp/petitiondesk-bench/ (named by size, seed and schema
revision) and rebuilt only when missing or asked. A build writes to a temporary file
renamed at the end, so an interrupted build is never reused.

Register numbers have five digits (≤ 99,999 a year), so 1M visits need at least 11 years.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseStatus,
    Channel,
    RejectionReason,
    Sex,
)
from petitiondesk.core.idcard import id_check_digit
from petitiondesk.core.registerno import format_register_no
from petitiondesk.services import demo
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.demo_issues import ISSUES
from petitiondesk.store import search_index
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    IssueCategory,
    Leader,
    Petition,
    Petitioner,
    RegisterCounter,
)

CACHE_DIR = Path("/tmp/petitiondesk-bench")
NOW = datetime(2026, 11, 20, 12, 0)
BATCH = 20_000
CALLS = 50

AREA_CODES = ("410122", "410102", "410103", "410181", "410183", "410184")
EXTRA_PHRASES = (
    "",
    "",
    "已多次反映未果。",
    "请求领导重视。",
    "涉及{n}户群众。",
    "此前曾向镇政府反映，至今未解决。",
    "时间已有{n}个月。",
    "情况紧急，请尽快处理。",
)


# --- building ---------------------------------------------------------------------------


def _status_for(rng: random.Random, age_days: int) -> CaseStatus:
    s = CaseStatus
    table: tuple[tuple[CaseStatus, int], ...]
    if age_days < 15:
        table = ((s.REGISTERED, 80), (s.ACCEPTED, 20))
    elif age_days < 60:
        table = (
            (s.REFERRED, 40),
            (s.ACCEPTED, 35),
            (s.REJECTED, 10),
            (s.FORWARDED, 5),
            (s.ANSWERED, 10),
        )
    elif age_days < 365:
        table = (
            (s.CLOSED, 50), (s.ANSWERED, 15), (s.REFERRED, 15), (s.ACCEPTED, 8),
            (s.REJECTED, 7), (s.FORWARDED, 5),
        )  # fmt: skip
    elif age_days < 730:
        table = (
            (s.CLOSED, 60), (s.ARCHIVED, 20), (s.REJECTED, 8), (s.FORWARDED, 5),
            (s.IN_REVIEW, 2), (s.ANSWERED, 5),
        )  # fmt: skip
    else:
        table = (
            (s.ARCHIVED, 85),
            (s.REJECTED, 8),
            (s.FORWARDED, 4),
            (s.IN_REVIEW, 1),
            (s.CLOSED, 2),
        )
    return rng.choices([status for status, _ in table], weights=[w for _, w in table])[0]


def _people(rng: random.Random, count: int) -> Iterator[dict[str, Any]]:
    used: set[str] = set()
    phones: list[str] = []
    for _ in range(count):
        male = rng.random() < 0.6
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 65))
        while True:
            order = rng.randrange(0, 500) * 2 + (1 if male else 0)
            body = f"{rng.choice(AREA_CODES)}{birth:%Y%m%d}{order:03d}"
            number = body + id_check_digit(body)
            if number not in used:
                used.add(number)
                break
            birth += timedelta(days=1)
        if phones and rng.random() < 0.05:  # a family member's phone
            phone = rng.choice(phones[-500:])
        else:
            phone = "1" + rng.choice("3589") + f"{rng.randrange(0, 10**9):09d}"
            phones.append(phone)
        name = rng.choice(demo.SURNAMES) + "".join(
            rng.choice(demo.GIVEN) for _ in range(rng.choice((1, 2)))
        )
        yield {
            "name": name,
            "sex": Sex.MALE if male else Sex.FEMALE,
            "id_number": number,
            "birth_date": birth,
            "phone": phone,
            "address": f"{demo.COUNTY}{rng.choice(demo.TOWNS)}{rng.choice(demo.VILLAGES)}"
            f"{rng.randrange(1, 300)}号",
            "work_unit": rng.choice(("", "", "务农", "个体经营", "县机械厂（已改制）", "退休")),
        }


def _stamps(rng: random.Random, visits: int, years: int) -> list[datetime]:
    start = NOW - timedelta(days=365 * years)
    span = (NOW - start).days
    stamps: list[datetime] = []
    while len(stamps) < visits:
        day = (start + timedelta(days=rng.randrange(0, span + 1))).date()
        if day.weekday() >= 5:
            continue
        at = datetime.combine(
            day, dtime(rng.choice((8, 9, 10, 11, 14, 15, 16, 17)), rng.randrange(0, 60))
        )
        if at <= NOW:
            stamps.append(at)
    stamps.sort()
    return stamps


def cached_path(visits: int, seed: int = 1, years: int = 11) -> Path:
    """Where the database of these parameters is cached (named by schema revision)."""
    from petitiondesk.store.migrate import head_revision

    return CACHE_DIR / f"bench-{visits}-s{seed}-y{years}-r{head_revision()}.sqlite"


def ensure(
    path: Path | None, visits: int, *, seed: int = 1, years: int = 11, rebuild: bool = False
) -> Path:
    """The benchmark database: ``path`` or the cached one, built if missing."""
    target = path or cached_path(visits, seed, years)
    target.parent.mkdir(parents=True, exist_ok=True)
    if rebuild or not target.exists():
        print(f"building {visits:,} visits …", file=sys.stderr)
        build(target, visits, seed, years)
    return target


def build(path: Path, visits: int, seed: int, years: int) -> None:
    rng = random.Random(seed)
    tmp = path.with_name(path.name + ".building")
    for leftover in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        leftover.unlink(missing_ok=True)
    t0 = time.perf_counter()
    db = Database.open(tmp, create=True)
    ensure_defaults(db)
    with db.write() as session:
        demo._ensure_reference(session)
    with db.read() as session:
        categories = {c.name: c.id for c in session.scalars(select(IssueCategory))}
        leader_ids = list(session.scalars(select(Leader.id)))
    stamps = _stamps(rng, visits, years)
    if max(sum(1 for s in stamps if s.year == y) for y in {s.year for s in stamps}) > 99_999:
        raise SystemExit("too many visits a year for 5-digit register numbers: use more --years")
    people_count = int(visits * 0.8)
    engine = db.engine
    with engine.begin() as conn:
        batch: list[dict[str, Any]] = []
        for person in _people(rng, people_count):
            batch.append(person)
            if len(batch) >= BATCH:
                conn.execute(insert(Petitioner), batch)
                batch.clear()
        if batch:
            conn.execute(insert(Petitioner), batch)
    print(f"  {people_count:,} petitioners in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    seq_by_year: dict[int, int] = {}
    next_new = 1
    last_by_person: dict[int, int] = {}
    category_names = list(ISSUES)
    with engine.begin() as conn:
        batch = []
        for index, received in enumerate(stamps, start=1):
            if next_new > 1 and (rng.random() < 0.2 or next_new > people_count):
                person_id = rng.randrange(1, next_new)
            else:
                person_id = next_new
                next_new += 1
            category = rng.choice(category_names)
            summaries, demands = ISSUES[category]
            pick = rng.randrange(len(summaries))
            town, village = rng.choice(demo.TOWNS), rng.choice(demo.VILLAGES)
            extra = rng.choice(EXTRA_PHRASES).format(n=rng.randrange(2, 40))
            channel = rng.choices(list(Channel), weights=(50, 25, 15, 10))[0]
            people = 1 if rng.random() < 0.85 else rng.randrange(2, 30)
            seq_by_year[received.year] = seq = seq_by_year.get(received.year, 0) + 1
            age = (NOW - received).days
            status = _status_for(rng, age)
            decision: AcceptanceDecision | None = None
            reason: RejectionReason | None = None
            if status is CaseStatus.REJECTED:
                decision = AcceptanceDecision.REJECT
                reason = rng.choice(list(RejectionReason))
            elif status is CaseStatus.FORWARDED:
                decision, reason = AcceptanceDecision.FORWARD, RejectionReason.OTHER_BODY
            elif status is not CaseStatus.REGISTERED:
                decision = AcceptanceDecision.ACCEPT
            decided = (received + timedelta(days=rng.randrange(1, 12))).date() if decision else None
            batch.append(
                {
                    "register_no": format_register_no(received.year, seq),
                    "year": received.year,
                    "seq": seq,
                    "channel": channel,
                    "received_at": received,
                    "petitioner_id": person_id,
                    "people_count": people,
                    "category_id": categories.get(category),
                    "place": f"{demo.COUNTY}{town}{village}",
                    "summary": summaries[pick].format(town=town, village=village) + extra,
                    "demands": demands[min(pick, len(demands) - 1)],
                    "receiving_officer": rng.choice(demo.OFFICERS),
                    "duty_leader_id": rng.choice(leader_ids) if channel is Channel.VISIT else None,
                    "handling_opinion": "",
                    "result": "",
                    "status": status,
                    "letter_date": (received - timedelta(days=3)).date()
                    if channel is Channel.LETTER
                    else None,
                    "postmark": f"{demo.COUNTY}邮政局" if channel is Channel.LETTER else "",
                    "repeat_of_id": last_by_person.get(person_id),
                    "is_group": people >= 5,
                    "skipped_level": rng.random() < 0.05,
                    "anonymous": False,
                    "urgent": rng.random() < 0.05,
                    "confidential": category == "纪检监察",
                    "accused": f"{village}村委会" if category == "纪检监察" else "",
                    "acceptance_due": (received + timedelta(days=15)).date(),
                    "acceptance": decision,
                    "acceptance_date": decided,
                    "rejection_reason": reason,
                    "redirect_body": rng.choice(demo.EXTERNAL)
                    if reason is RejectionReason.OTHER_BODY
                    else "",
                    "notice_no": "",
                    "acceptance_note": "",
                }
            )
            last_by_person[person_id] = index
            if len(batch) >= BATCH:
                conn.execute(insert(Petition), batch)
                batch.clear()
                if index % 200_000 < BATCH:
                    print(
                        f"  {index:,} visits in {time.perf_counter() - t0:.0f} s", file=sys.stderr
                    )
        if batch:
            conn.execute(insert(Petition), batch)
        conn.execute(
            insert(RegisterCounter),
            [{"year": y, "last_seq": n} for y, n in sorted(seq_by_year.items())],
        )
    with engine.begin() as conn:
        search_index.rebuild(conn)
    print(f"  search index in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    raw = engine.raw_connection()  # autocommit (see store/db.py): no BEGIN around these
    try:
        cursor = raw.cursor()
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
    db.close()
    os.replace(tmp, path)
    for leftover in (Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        leftover.unlink(missing_ok=True)
    size = path.stat().st_size / 2**20
    print(f"  built {path} ({size:,.0f} MiB) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
