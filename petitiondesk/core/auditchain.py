"""The hash chain of the audit log: each row carries a SHA-256 over a canonical JSON of
its own fields and the previous row's hash, so a row edited or removed from outside the
program breaks the chain at that row.

The format is frozen: migration 0006 backfilled existing rows with :func:`row_hash`, so
changing the canonical form would make every existing database look tampered with. A
new format needs a new ``CHAIN_VERSION`` and a migration that re-chains.

Limits (documented in the README): the chain finds an edited row and a removed row
anywhere but at the very end; a cut of the newest rows is only visible as a gap when
later rows follow.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

CHAIN_VERSION = 1
#: The ``prev_hash`` of the first row.
GENESIS = ""


@dataclass(frozen=True)
class ChainRow:
    """The hashed fields of one audit row, as stored."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    before: str
    after: str
    prev_hash: str = ""
    row_hash: str = ""


def canonical_at(at: datetime) -> str:
    """The time as hashed: ``2026-12-04 09:30:00`` (microseconds only when present)."""
    return at.replace(tzinfo=None).isoformat(sep=" ")


def row_hash(row: ChainRow, prev_hash: str) -> str:
    """SHA-256 (hex) of the row's fields and ``prev_hash`` as canonical JSON."""
    payload = {
        "v": CHAIN_VERSION,
        "id": row.id,
        "at": canonical_at(row.at),
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "summary": row.summary,
        "before": row.before,
        "after": row.after,
        "prev": prev_hash,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and why (Chinese)."""

    row: ChainRow
    reason: str

    def describe(self) -> str:
        return (
            f"审计记录链在第 {self.row.id} 条处断开"
            f"（时间 {canonical_at(self.row.at)}，操作 {self.row.action}）：{self.reason}"
        )


REASON_CHANGED = "该记录的内容在程序之外被修改过"
REASON_GAP = "此前的审计记录被删除或替换过"


def first_break(rows: Iterable[ChainRow], prev_hash: str = GENESIS) -> ChainBreak | None:
    """Walk ``rows`` (in id order) from ``prev_hash``; the first row that breaks the chain.

    A row whose ``prev_hash`` is not the hash of the row before it follows a removed (or
    replaced) row; a row whose own hash does not match its fields was edited.
    """
    previous = prev_hash
    for row in rows:
        if row.prev_hash != previous:
            return ChainBreak(row, REASON_GAP)
        if row.row_hash != row_hash(row, previous):
            return ChainBreak(row, REASON_CHANGED)
        previous = row.row_hash
    return None
