"""audit log append-only on PostgreSQL: the triggers of 0006 in PL/pgSQL

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 22:50:00.000000

Migration 0006 made ``audit_log`` append-only on SQLite with two triggers written in
SQLite's syntax; on PostgreSQL (several desks, issue 14) it leaves them out and this
revision adds the equivalents: one trigger function raising ``审计记录不可修改`` and
``BEFORE UPDATE`` / ``BEFORE DELETE`` row triggers calling it (plus ``BEFORE TRUNCATE``,
which PostgreSQL has and SQLite does not). Nothing happens on SQLite.

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_log_refuse() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION '审计记录不可修改'; END; $$ LANGUAGE plpgsql"
)
TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(FUNCTION)
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for name in ('audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_truncate'):
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS audit_log_refuse()")
