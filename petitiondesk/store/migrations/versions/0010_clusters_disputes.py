"""early-warning cluster settings and the dispute-screening register

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 21:40:00.000000

* office_settings.cluster_window_days / cluster_threshold: this many similar petitions
  on one place within this many days form a cluster (苗头性、倾向性问题, core/clusters.py);
* dispute: the monthly dispute-screening register (矛盾纠纷排查台账, seed 001 §6).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cluster_window_days', sa.Integer(), server_default='30', nullable=False))
        batch_op.add_column(sa.Column('cluster_threshold', sa.Integer(), server_default='3', nullable=False))

    op.create_table('dispute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('matter', sa.Text(), nullable=False),
    sa.Column('parties', sa.String(length=200), nullable=False),
    sa.Column('people_count', sa.Integer(), nullable=False),
    sa.Column('risk', sa.Enum('high', 'medium', 'low', name='risklevel', native_enum=False, create_constraint=False, length=24), nullable=False),
    sa.Column('leader', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('person', sa.String(length=40), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'controlled', 'resolved', name='disputestatus', native_enum=False, create_constraint=False, length=24), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispute'))
    )
    with op.batch_alter_table('dispute', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispute_month'), ['month'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dispute', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispute_month'))
    op.drop_table('dispute')

    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.drop_column('cluster_threshold')
        batch_op.drop_column('cluster_window_days')
