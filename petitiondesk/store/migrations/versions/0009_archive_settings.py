"""archive settings: 全宗号, 机构(问题)代码, 门类代码 and retention by category

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 21:40:00.000000

* office_settings.fonds_no (全宗号), archive_org_code (机构(问题)代码), archive_class_code
  (门类代码, default WS 文书) and archive_retention (the default 保管期限: Y / D30 / D10,
  default D30) for the year-end archive (DA/T 22-2015);
* issue_category.retention: the 保管期限 of a category ('' = the office default).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fonds_no', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('archive_org_code', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('archive_class_code', sa.String(length=10), server_default='WS', nullable=False))
        batch_op.add_column(sa.Column('archive_retention', sa.String(length=4), server_default='D30', nullable=False))
    with op.batch_alter_table('issue_category', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention', sa.String(length=4), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('issue_category', schema=None) as batch_op:
        batch_op.drop_column('retention')
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.drop_column('archive_retention')
        batch_op.drop_column('archive_class_code')
        batch_op.drop_column('archive_org_code')
        batch_op.drop_column('fonds_no')
