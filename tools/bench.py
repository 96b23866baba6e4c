"""Benchmark the look-ups the clerk waits for on a large register.

    .venv/bin/python tools/bench.py                    # 1,000,000 visits (cached)
    .venv/bin/python tools/bench.py --visits 100000    # smaller
    .venv/bin/python tools/bench.py --db /path/big.sqlite --rebuild

Builds (or reuses) a database of N realistic visits over ``--years`` years — petitioners
who come back, the demo's names, places and complaints with variations, statuses by age
(old cases closed or archived, recent ones open) — with bulk Core inserts in batches,
then times, ~50 calls each: repeat detection by person (services/repeats.earlier_by_person),
similar open petitions (similar_open_petitions), the intake look-up
(services/petitioners.lookup_petitioners) and the register search box
(services/cases.search_cases first page and count_search). Prints median, p95 and max in
milliseconds; the target for each is < 100 ms.

The database is cached under /tmp/petitiondesk-bench/ (named by size, seed and schema
revision) and rebuilt only when missing or with --rebuild. A build writes to a temporary
file renamed at the end, so an interrupted build is never reused.

Register numbers have five digits (≤ 99,999 a year), so 1M visits need at least 11 years;
the default spreads them over 11.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402

from petitiondesk.core.enums import (  # noqa: E402
    AcceptanceDecision,
    CaseStatus,
    Channel,
    RejectionReason,
    Sex,
)
from petitiondesk.core.idcard import id_check_digit  # noqa: E402
from petitiondesk.core.registerno import format_register_no  # noqa: E402
from petitiondesk.services import demo  # noqa: E402
from petitiondesk.services.bootstrap import ensure_defaults  # noqa: E402
from petitiondesk.store.db import Database  # noqa: E402
from petitiondesk.store.migrate import head_revision  # noqa: E402
from petitiondesk.store.models import (  # noqa: E402
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
    category_names = list(demo.ISSUES)
    with engine.begin() as conn:
        batch = []
        for index, received in enumerate(stamps, start=1):
            if next_new > 1 and (rng.random() < 0.2 or next_new > people_count):
                person_id = rng.randrange(1, next_new)
            else:
                person_id = next_new
                next_new += 1
            category = rng.choice(category_names)
            summaries, demands = demo.ISSUES[category]
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


# --- timing -----------------------------------------------------------------------------


class _Person(NamedTuple):
    name: str
    id_number: str
    phone: str
    address: str


def _time(calls: list[Callable[[], object]]) -> tuple[list[float], int]:
    out: list[float] = []
    found = 0
    for call in calls:
        t = time.perf_counter()
        result = call()
        out.append((time.perf_counter() - t) * 1000)
        if isinstance(result, int):
            found += 1 if result else 0
        elif result:
            found += 1
    return out, found


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(db: Database, seed: int) -> list[tuple[str, list[float], int]]:
    from petitiondesk.services.cases import SearchQuery, count_search, search_cases
    from petitiondesk.services.petitioners import lookup_petitioners
    from petitiondesk.services.repeats import (
        OPEN_STATUSES,
        earlier_by_person,
        similar_open_petitions,
    )

    rng = random.Random(seed + 1)
    with db.read() as session:
        top = int(session.scalar(select(func.max(Petitioner.id))) or 0)
        people = []
        for _ in range(CALLS * 2):
            p = session.get(Petitioner, rng.randrange(1, top + 1))
            if p is not None:  # plain values: the session expires its objects at the end
                people.append(_Person(p.name, p.id_number or "", p.phone, p.address))
        recent = list(
            session.execute(
                select(Petition.category_id, Petition.summary, Petition.register_no)
                .where(
                    Petition.status.in_(OPEN_STATUSES),
                    Petition.received_at >= NOW - timedelta(days=365),
                )
                .order_by(func.random())
                .limit(CALLS)
            )
        )
    persons = people

    def by_person(i: int) -> Callable[[], object]:
        p = persons[i]
        kinds = (
            {"id_number": p.id_number},
            {"phone": p.phone},
            {"name": p.name, "address": p.address},
            {"id_number": p.id_number, "phone": p.phone, "name": p.name, "address": p.address},
        )
        return lambda: earlier_by_person(db, **kinds[i % 4])

    def similar(i: int) -> Callable[[], object]:
        category_id, summary, _ = recent[i % len(recent)]
        typed = summary[: max(8, len(summary) * 2 // 3)]  # the clerk is still typing
        return lambda: similar_open_petitions(db, category_id=category_id, summary=typed, now=NOW)

    def lookup(i: int) -> Callable[[], object]:
        p = persons[CALLS + i]
        kinds = (
            {"id_number": p.id_number},
            {"phone": p.phone},
            {"name": p.name, "address": p.address},
        )
        return lambda: lookup_petitioners(db, **kinds[i % 3])

    words = ("拖欠工资", "噪声", "拆迁补偿", "低保", "宅基地", "物业", "学费", "补贴名单")
    kinds: dict[str, list[str]] = {
        "name": [p.name for p in persons[:CALLS]],
        "phone": [p.phone for p in persons[:CALLS]],
        "ID number": [p.id_number for p in persons[:CALLS]],
        "register no": [row[2] for row in recent][:CALLS],
        "summary words": [words[i % len(words)] for i in range(CALLS)],
        "no match": [f"没有这句话{i}" for i in range(CALLS)],
    }
    year_ago = (NOW - timedelta(days=365)).date()
    results = [
        ("earlier_by_person", *_time([by_person(i) for i in range(CALLS)])),
        ("similar_open_petitions", *_time([similar(i) for i in range(CALLS)])),
        ("lookup_petitioners", *_time([lookup(i) for i in range(CALLS)])),
    ]
    for kind, queries in kinds.items():
        results.append(
            (
                f"search_cases page 1 ({kind})",
                *_time(
                    [(lambda q=q: search_cases(db, SearchQuery(text=q), 0, 100)) for q in queries]
                ),
            )
        )
    results.append(
        (
            "search_cases page 1 (name, in_summary=False)",
            *_time(
                [
                    (lambda q=q: search_cases(db, SearchQuery(text=q, in_summary=False), 0, 100))
                    for q in kinds["name"]
                ]
            ),
        )
    )
    for kind, queries in kinds.items():
        results.append(
            (
                f"count_search ({kind})",
                *_time([(lambda q=q: count_search(db, SearchQuery(text=q))) for q in queries]),
            )
        )
    results.append(
        (
            "search_cases page 1 (summary words, 1 year)",
            *_time(
                [
                    (lambda q=q: search_cases(db, SearchQuery(text=q, date_from=year_ago), 0, 100))
                    for q in kinds["summary words"]
                ]
            ),
        )
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=11)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="database file to build or reuse")
    parser.add_argument("--rebuild", action="store_true", help="build even if cached")
    args = parser.parse_args(argv)
    path = (
        args.db
        or CACHE_DIR / f"bench-{args.visits}-s{args.seed}-y{args.years}-r{head_revision()}.sqlite"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not path.exists():
        print(f"building {args.visits:,} visits …", file=sys.stderr)
        build(path, args.visits, args.seed, args.years)
    db = Database.open(path)
    with db.read() as session:
        total = session.execute(text("SELECT count(*) FROM petition")).scalar_one()
    print(f"database: {path}  ({total:,} petitions)")
    results = run(db, args.seed)
    db.close()
    width = max(len(name) for name, _, _ in results)
    print(f"{'operation':<{width}}  calls  found  median ms   p95 ms   max ms")
    for name, times, found in results:
        print(
            f"{name:<{width}}  {len(times):>5}  {found:>5}  {statistics.median(times):>9.1f}"
            f"  {_p95(times):>7.1f}  {max(times):>7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
