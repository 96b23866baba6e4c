"""The archive settings (办公室设置 → 归档设置): 全宗号, 机构(问题)代码, 门类代码, the
default 保管期限 and the 保管期限 of each issue category."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from petitiondesk.core.archive import DEFAULT_CLASS_CODE, DEFAULT_RETENTION, Retention, check_code
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import IssueCategory, OfficeSettings

from .. import audit
from ..result import Result


@dataclass(frozen=True)
class ArchiveSettings:
    """Field names are the error keys of :func:`update_archive_settings`."""

    fonds_no: str = ""  # 全宗号
    org_code: str = ""  # 机构(问题)代码 ("" = left out of the 档号)
    class_code: str = DEFAULT_CLASS_CODE  # 门类代码
    retention: Retention = DEFAULT_RETENTION  # the default 保管期限
    # 保管期限 by category name; a category not named here takes the default.
    by_category: Mapping[str, Retention] = field(default_factory=dict)

    def retention_of(self, category: str) -> Retention:
        return self.by_category.get(category, self.retention)


def _retention(value: str, default: Retention) -> Retention:
    try:
        return Retention(value)
    except ValueError:
        return default


def get_archive_settings(db: Database) -> ArchiveSettings:
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        categories = session.scalars(select(IssueCategory).order_by(IssueCategory.sort_order))
        if office is None:
            return ArchiveSettings()
        default = _retention(office.archive_retention, DEFAULT_RETENTION)
        return ArchiveSettings(
            fonds_no=office.fonds_no,
            org_code=office.archive_org_code,
            class_code=office.archive_class_code or DEFAULT_CLASS_CODE,
            retention=default,
            by_category={
                c.name: _retention(c.retention, default) for c in categories if c.retention
            },
        )


def validate_archive_settings(data: ArchiveSettings) -> dict[str, str]:
    errors: dict[str, str] = {}
    for key, label, required in (
        ("fonds_no", "全宗号", True),
        ("org_code", "机构(问题)代码", False),
        ("class_code", "门类代码", True),
    ):
        problem = check_code(getattr(data, key).strip(), required=required)
        if problem:
            errors[key] = f"{label}{problem}"
    return errors


def update_archive_settings(
    db: Database, data: ArchiveSettings, *, actor: Actor
) -> Result[ArchiveSettings]:
    """Save the archive settings (Permission.SETTINGS); audited."""
    if why := refusal(actor, Permission.SETTINGS):
        return Result.failure({"": why})
    errors = validate_archive_settings(data)
    if errors:
        return Result.failure(errors)
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        if office is None:
            return Result.failure({"": "请先完成办公室设置"})
        before = audit.snapshot(office)
        office.fonds_no = data.fonds_no.strip()
        office.archive_org_code = data.org_code.strip()
        office.archive_class_code = data.class_code.strip()
        office.archive_retention = data.retention.value
        for category in session.scalars(select(IssueCategory)):
            wanted = data.by_category.get(category.name)
            category.retention = wanted.value if wanted and wanted != data.retention else ""
        audit.record(
            session,
            actor=actor,
            action="update_archive_settings",
            entity=office,
            summary=f"修改归档设置：全宗号 {office.fonds_no}",
            before=before,
        )
    return Result.success(get_archive_settings(db), "已保存归档设置")
