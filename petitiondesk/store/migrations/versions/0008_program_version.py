"""program_version: which program version last opened the database (issue 16)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 21:40:00.000000

* program_version: one row (id=1) with the version, time and way (窗口 / 命令行) of the
  last open, and the version before it. Written at open by the window and by the
  command line's write commands; shown in 关于. No row until the first open.

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'program_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=40), nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=False),
        sa.Column('opened_via', sa.String(length=20), nullable=False),
        sa.Column('previous_version', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_program_version')),
    )


def downgrade() -> None:
    op.drop_table('program_version')
