"""Migration 0003 on a released file: settings columns with defaults, the national
deadline rules added once, deadlines without a stored rule."""

from __future__ import annotations

import shutil
from pathlib import Path

from petitiondesk.services.bootstrap import DEFAULT_DEADLINES, ensure_defaults
from petitiondesk.store.db import Database

SCHEMAS = Path(__file__).parent / "schemas"


def test_0001_file_gets_settings_columns_and_the_missing_rules_once(tmp_path: Path) -> None:
    path = tmp_path / "released.sqlite"
    shutil.copy(SCHEMAS / "0001_initial.sqlite", path)
    db = Database.open(path)
    with db.engine.connect() as conn:
        office = conn.exec_driver_sql(
            "SELECT seal_text, receiving_officers, due_soon_days, group_visit_min_people "
            "FROM office_settings WHERE id = 1"
        ).one()
        assert tuple(office) == ("", "", 3, 5)
        codes = [r[0] for r in conn.exec_driver_sql("SELECT code FROM deadline_rule")]
        assert {"register_forward", "referral_objection", "rereview_request"} <= set(codes)
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM deadline_rule WHERE active = 1"
        ).scalar() == len(codes)
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM petition WHERE acceptance_due_rule != '' "
                "OR handling_due IS NOT NULL"
            ).scalar()
            == 0
        )
    ensure_defaults(db)  # idempotent: nothing added twice
    with db.engine.connect() as conn:
        after = [r[0] for r in conn.exec_driver_sql("SELECT code FROM deadline_rule")]
    assert sorted(after) == sorted(set(after))
    assert {code for code, *_ in DEFAULT_DEADLINES} <= set(after)
    db.close()


def test_a_new_database_is_seeded_by_bootstrap_only(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "new.sqlite", create=True)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM deadline_rule").scalar() == 0
    ensure_defaults(db)
    with db.engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM deadline_rule").scalar()
    assert count == len(DEFAULT_DEADLINES)
    db.close()
