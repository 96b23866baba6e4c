"""The office defaults: seeded when something is missing, and an ordinary start (all
there) answered by one plain query that writes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, func, select

from petitiondesk.services.bootstrap import (
    DEFAULT_CATEGORIES,
    DEFAULT_DEADLINES,
    defaults_missing,
    ensure_defaults,
)
from petitiondesk.services.program_version import VIA_WINDOW, record_open, recorded_version
from petitiondesk.store.db import Database
from petitiondesk.store.models import DeadlineRule, IssueCategory, OfficeSettings
from petitiondesk.version import __version__


def _counts(db: Database) -> tuple[int, int, int]:
    with db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(OfficeSettings)) or 0,
            session.scalar(select(func.count()).select_from(DeadlineRule)) or 0,
            session.scalar(select(func.count()).select_from(IssueCategory)) or 0,
        )


def test_a_seeded_database_needs_nothing(db: Database) -> None:
    ensure_defaults(db)
    assert not defaults_missing(db)
    before = _counts(db)
    ensure_defaults(db)
    assert _counts(db) == before


def test_each_missing_part_is_noticed_and_put_back(db: Database) -> None:
    ensure_defaults(db)
    rules = len(DEFAULT_DEADLINES)
    for model, where in (
        (DeadlineRule, DeadlineRule.code == "handling"),
        (OfficeSettings, OfficeSettings.id == 1),
    ):
        with db.write() as session:
            session.execute(delete(model).where(where))
        assert defaults_missing(db)
        ensure_defaults(db)
        assert not defaults_missing(db)
    settings, have_rules, _ = _counts(db)
    assert (settings, have_rules >= rules) == (1, True)


def test_a_new_file_gets_everything_and_empty_categories_are_refilled(
    tmp_path: Path,
) -> None:
    fresh = Database.open(tmp_path / "new.sqlite", create=True)
    try:
        assert defaults_missing(fresh)
        ensure_defaults(fresh)
        assert not defaults_missing(fresh)
        assert _counts(fresh) == (1, len(DEFAULT_DEADLINES), len(DEFAULT_CATEGORIES))
        with fresh.write() as session:
            session.execute(delete(IssueCategory))
        assert defaults_missing(fresh)
        ensure_defaults(fresh)
        assert _counts(fresh)[2] == len(DEFAULT_CATEGORIES)
    finally:
        fresh.close()


def test_the_recorded_version_is_read_without_the_orm(db: Database) -> None:
    assert recorded_version(db) is None
    record_open(db, VIA_WINDOW, version="0.0.9")
    assert recorded_version(db) == "0.0.9"
    record_open(db, VIA_WINDOW)
    assert recorded_version(db) == __version__
