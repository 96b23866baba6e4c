"""several desks: version columns for stale-edit refusal and the change log

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 10:00:00.000000

* ``version`` (integer, 1) on the rows two desks edit: petition, referral,
  supervision_slip, closure, leader, roster_entry, office_settings; SQLAlchemy bumps it
  on every change (``version_id_col``), an edit loaded at an older version is refused;
* change_log: which connection committed a change of which hub topics (SQLite desks
  poll it; on PostgreSQL the news goes by NOTIFY instead).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

VERSIONED = (
    'petition', 'referral', 'supervision_slip', 'closure', 'leader', 'roster_entry',
    'office_settings',
)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.create_table(
        'change_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('origin', sa.String(length=32), nullable=False),
        sa.Column('topics', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log')),
    )


def downgrade() -> None:
    op.drop_table('change_log')
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
