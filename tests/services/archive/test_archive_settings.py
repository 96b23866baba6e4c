from __future__ import annotations

from sqlalchemy import select

from petitiondesk.core.archive import DEFAULT_RETENTION, Retention
from petitiondesk.core.identity import Role
from petitiondesk.services.archive import (
    ArchiveSettings,
    get_archive_settings,
    update_archive_settings,
)
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, IssueCategory
from tests.helpers import actor

ADMIN = ("管理员", Role.ADMIN)


def test_defaults(db: Database) -> None:
    s = get_archive_settings(db)
    assert (s.fonds_no, s.class_code, s.retention) == ("", "WS", DEFAULT_RETENTION)
    assert s.retention_of("任何类别") is Retention.YEARS_30


def test_validation(db: Database) -> None:
    ensure_defaults(db)
    bad = ArchiveSettings(fonds_no="", org_code="信访", class_code="W S")
    result = update_archive_settings(db, bad, actor=actor(*ADMIN))
    assert set(result.errors) == {"fonds_no", "org_code", "class_code"}
    assert result.errors["fonds_no"] == "全宗号必须填写"


def test_only_settings_permission_may_change_them(db: Database) -> None:
    ensure_defaults(db)
    result = update_archive_settings(db, ArchiveSettings(fonds_no="X001"), actor=actor())
    assert not result.ok and "" in result.errors


def test_retention_by_category_is_saved_and_audited(db: Database) -> None:
    ensure_defaults(db)
    with db.read() as session:
        names = list(session.scalars(select(IssueCategory.name).order_by(IssueCategory.id)))
    wanted = ArchiveSettings(
        fonds_no=" X001 ", org_code="XF", retention=Retention.YEARS_10,
        by_category={names[0]: Retention.PERMANENT, names[1]: Retention.YEARS_10},
    )  # fmt: skip
    saved = update_archive_settings(db, wanted, actor=actor(*ADMIN)).unwrap()
    assert saved.fonds_no == "X001"
    assert dict(saved.by_category) == {names[0]: Retention.PERMANENT}  # = default: not kept
    assert saved.retention_of(names[0]) is Retention.PERMANENT
    assert saved.retention_of(names[1]) is Retention.YEARS_10
    with db.read() as session:
        row = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert row is not None and row.action == "update_archive_settings"
