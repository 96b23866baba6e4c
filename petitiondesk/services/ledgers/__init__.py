"""The ledgers (台账) as a registry: each ledger's key (the CLI's name for it), Chinese
title, form (its columns as data in ``forms/<form>.toml``), its row source and row count.

A row source is ``rows(db, start, end, *, outside=False)``: a generator of plain dicts
keyed by the form's column keys, read with ONE Core query that selects only the columns
the ledger shows (no ORM objects); ``outside`` masks ID numbers and phones. Any date
range works (both days included). One module per ledger:

- :mod:`.register` — 来信来访登记台账 (all channels)
- :mod:`.referral` — 交办转送台账
- :mod:`.supervision` — 督办台账
- :mod:`.closure` — 办结台账
- :mod:`.reception` — 领导接待日记录

Writing a ledger to PDF or xlsx (audited, atomic) is :mod:`.export`; running that in a
separate process with progress and cancel is :mod:`.jobs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Protocol

from petitiondesk.store.db import Database

from . import _query, closure, reception, referral, register, supervision

__all__ = ["LEDGERS", "Ledger", "RowSource", "ledger", "ledger_keys"]


class RowSource(Protocol):
    def __call__(
        self, db: Database, start: date, end: date, *, outside: bool = False
    ) -> Iterator[dict[str, object]]: ...


@dataclass(frozen=True)
class Ledger:
    key: str  # register | referral | supervision | closure | reception
    title: str  # Chinese, without the office name
    form: str  # forms/<form>.toml
    rows: RowSource
    count: Callable[[Database, date, date], int]
    personal: bool  # shows ID numbers or phones (masked for outside use)


def _ledger(key: str, module: ModuleType, *, personal: bool) -> Ledger:
    """A ledger from its module: TITLE, FORM, ``rows`` and ``query(start, end)``."""

    def count(db: Database, start: date, end: date) -> int:
        return _query.count(db, module.query(start, end))

    return Ledger(key, module.TITLE, module.FORM, module.rows, count, personal)


LEDGERS: dict[str, Ledger] = {
    "register": _ledger("register", register, personal=True),
    "referral": _ledger("referral", referral, personal=True),
    "supervision": _ledger("supervision", supervision, personal=False),
    "closure": _ledger("closure", closure, personal=True),
    "reception": _ledger("reception", reception, personal=False),
}


def ledger_keys() -> list[str]:
    return list(LEDGERS)


def ledger(key: str) -> Ledger:
    """The ledger named ``key``; KeyError for an unknown one."""
    return LEDGERS[key]
