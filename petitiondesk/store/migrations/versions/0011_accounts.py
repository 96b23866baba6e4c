"""accounts and roles: the account table, idle lock and confidential-roles settings

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 09:00:00.000000

* account: username (unique), display name, role (clerk/leader/admin), argon2 password
  hash, active flag, the leader a leader's account stands for (包案 cases), must-change
  flag, failed attempts and lock-out time, created_at;
* office_settings.idle_lock_minutes (default 10) and confidential_roles (default admin).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=40), nullable=False),
        sa.Column('display_name', sa.String(length=40), nullable=False),
        sa.Column('role', sa.Enum('clerk', 'leader', 'admin', 'command_line', name='role', native_enum=False, create_constraint=False, length=24), nullable=False),
        sa.Column('password_hash', sa.String(length=200), nullable=False),
        sa.Column('active', sa.Boolean(), server_default='1', nullable=False),
        sa.Column('leader_id', sa.Integer(), nullable=True),
        sa.Column('must_change_password', sa.Boolean(), server_default='0', nullable=False),
        sa.Column('failed_attempts', sa.Integer(), server_default='0', nullable=False),
        sa.Column('locked_until', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['leader_id'], ['leader.id'], name=op.f('fk_account_leader_id_leader')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
        sa.UniqueConstraint('username', name=op.f('uq_account_username')),
    )
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idle_lock_minutes', sa.Integer(), server_default='10', nullable=False))
        batch_op.add_column(sa.Column('confidential_roles', sa.String(length=100), server_default='admin', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.drop_column('confidential_roles')
        batch_op.drop_column('idle_lock_minutes')
    op.drop_table('account')
