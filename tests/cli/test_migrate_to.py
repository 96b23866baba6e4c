"""``petitiondesk --db FILE migrate-to URL`` (issue 14): the demo register copied into an
empty PostgreSQL database lists the same cases; a database that is not empty is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from petitiondesk.services.intake import register_visit
from petitiondesk.services.integrity import full_check
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Petition
from petitiondesk.store.transfer import verify
from tests.helpers import DEMO_AS_OF, actor, run_cli, visit_input


def test_the_demo_register_round_trips(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(tmp_path / "demo.sqlite")
    assert run_cli(capsys, "--db", source, "demo", "--as-of", DEMO_AS_OF)[0] == 0
    code, _out, err = run_cli(capsys, "--db", source, "migrate-to", pg_url)
    assert code == 0, err
    assert "行数与校验值一致" in err
    assert "pdtest@" in err and ":" not in err.split("pdtest@")[0].rsplit("//", 1)[1]
    before = run_cli(capsys, "--db", source, "cases")
    after = run_cli(capsys, "--db", pg_url, "cases")
    assert before[0] == after[0] == 0
    assert before[1] == after[1] and before[1].count("\n") > 100

    copy, original = Database.open(pg_url), Database.open(source)
    try:
        assert full_check(copy).ok
        # every table of the register is verified (accounts, clusters, settings, program
        # version …) except the SQLite search index, which is rebuilt, not copied
        tables = set(inspect(original.engine).get_table_names()) - {"alembic_version"}
        report = {t.table: t.rows for t in verify(original, copy).tables}
        assert set(report) == {t for t in tables if not t.startswith("petition_search")}
        assert all(report[t] for t in ("account", "dispute", "program_version", "audit_log"))
        for model in (Petition, AuditLog):
            with copy.read() as theirs, original.read() as mine:
                ids = select(model.id).order_by(model.id)
                assert list(theirs.scalars(ids)) == list(mine.scalars(ids))
        # the copy goes on numbering (ids and register numbers) where the original stopped
        result = register_visit(copy, visit_input(), actor=actor())
        assert result.ok, result.message
        with copy.read() as session:
            newest = session.scalars(select(Petition).order_by(Petition.id.desc())).first()
            assert newest is not None and newest.register_no == result.unwrap().register_no
        assert full_check(copy).ok
    finally:
        copy.close()
        original.close()


def test_a_database_that_is_not_empty_is_refused(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(tmp_path / "demo.sqlite")
    assert run_cli(capsys, "--db", source, "demo", "--as-of", DEMO_AS_OF)[0] == 0
    assert run_cli(capsys, "--db", source, "migrate-to", pg_url)[0] == 0
    code, _out, err = run_cli(capsys, "--db", source, "migrate-to", pg_url)
    assert code == 1
    assert "目标数据库不是空的" in err
