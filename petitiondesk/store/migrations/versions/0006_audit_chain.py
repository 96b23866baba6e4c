"""audit log append-only: hash chain columns, backfill, UPDATE/DELETE triggers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 19:30:00.000000

* audit_log.prev_hash / audit_log.row_hash: a SHA-256 chain over each row's fields and
  the previous row's hash (:mod:`petitiondesk.core.auditchain`);
* the existing rows are chained here, in id order, before the triggers exist;
* office_settings.backup_keep: how many automatic backups the data folder keeps;
* triggers ``audit_log_no_update`` / ``audit_log_no_delete`` refuse any UPDATE or
  DELETE with ``审计记录不可修改``. Triggers are not part of ``Base.metadata``: the
  models-vs-migrations comparison does not see them.

Batch mode only adds columns here, which SQLite does in place (no table rebuild).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

from petitiondesk.core.auditchain import GENESIS, ChainRow, row_hash

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT raise(ABORT, '审计记录不可修改'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT raise(ABORT, '审计记录不可修改'); END",
)


def _when(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _backfill() -> None:
    conn = op.get_bind()
    rows = conn.exec_driver_sql(
        "SELECT id, at, actor, action, entity, entity_id, summary, before, after "
        "FROM audit_log ORDER BY id"
    ).all()
    previous = GENESIS
    for rid, at, actor, action, entity, entity_id, summary, before, after in rows:
        row = ChainRow(
            id=rid,
            at=_when(at),
            actor=actor or "",
            action=action or "",
            entity=entity or "",
            entity_id=entity_id,
            summary=summary or "",
            before=before or "",
            after=after or "",
        )
        digest = row_hash(row, previous)
        conn.exec_driver_sql(
            "UPDATE audit_log SET prev_hash = ?, row_hash = ?, actor = ?, summary = ?, "
            "before = ?, after = ? WHERE id = ?",
            (previous, digest, row.actor, row.summary, row.before, row.after, rid),
        )
        previous = digest


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=False, server_default=''))
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('backup_keep', sa.Integer(), nullable=False, server_default='10'))
    _backfill()  # before the triggers: afterwards no row can be updated
    if op.get_bind().dialect.name != 'sqlite':
        return  # PostgreSQL gets its own triggers in 0012 (this script never ran there)
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.drop_column('backup_keep')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
