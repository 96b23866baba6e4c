"""office settings, deadline rules as data, deadlines that remember their rule

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00.000000

* office_settings: seal_text, receiving_officers, due_soon_days, group_visit_min_people
  (the people count from which a visit is 集体访, default 5);
* deadline_rule.active, and the national rules of 信访工作条例 2022 that were missing
  (Art. 22, 23 ¶3, 36) plus the office's longest leader-day reply, inserted into an
  already seeded database when their code is absent (idempotent);
* petition: acceptance_due_rule/_uncovered, forward_due_rule/_uncovered, handling_due
  (60 days from acceptance) with its rule and flag; referral.due_rule;
  review_request.due_rule/due_uncovered. A deadline keeps the rule it was set with, so
  recomputing it after a holiday change never picks up a later edit of the rule.

Batch mode only adds columns here, which SQLite does in place (no table rebuild).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# (code, name, days, unit, roll, basis) — copied, not imported: a migration is frozen.
NEW_RULES = (
    ('register_forward', '登记并转送、交办', 15, 'calendar', True, '《信访工作条例》第二十二条'),
    ('referral_objection', '对转送、交办事项提出异议', 5, 'workday', True, '《信访工作条例》第二十三条'),
    ('rereview_request', '申请复核期限', 30, 'calendar', True, '《信访工作条例》第三十六条'),
    ('rereview_decision', '复核办理期限', 30, 'calendar', True, '《信访工作条例》第三十六条'),
    ('leader_reply_max', '接待日问题答复（最长）', 30, 'workday', True, '领导接待日制度'),
)


def upgrade() -> None:
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seal_text', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('receiving_officers', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('due_soon_days', sa.Integer(), server_default='3', nullable=False))
        batch_op.add_column(sa.Column('group_visit_min_people', sa.Integer(), server_default='5', nullable=False))

    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default='1', nullable=False))

    with op.batch_alter_table('petition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acceptance_due_rule', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('acceptance_due_uncovered', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('forward_due_rule', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('forward_due_uncovered', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('handling_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('handling_due_rule', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('handling_due_uncovered', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_rule', sa.String(length=60), server_default='', nullable=False))

    with op.batch_alter_table('review_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_rule', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('due_uncovered', sa.Boolean(), server_default='0', nullable=False))

    _seed_rules()


def _seed_rules() -> None:
    """Add the missing rules to a database the program has already seeded; a new, empty
    database gets them from services/bootstrap.py like every other default."""
    bind = op.get_bind()
    if bind.execute(sa.text('SELECT count(*) FROM office_settings')).scalar() == 0:
        return
    have = {row[0] for row in bind.execute(sa.text('SELECT code FROM deadline_rule'))}
    for code, name, days, unit, roll, basis in NEW_RULES:
        if code in have:
            continue
        bind.execute(
            sa.text(
                'INSERT INTO deadline_rule (code, name, days, unit, roll_to_workday, basis, active) '
                'VALUES (:code, :name, :days, :unit, :roll, :basis, 1)'
            ),
            {'code': code, 'name': name, 'days': days, 'unit': unit, 'roll': roll, 'basis': basis},
        )


def downgrade() -> None:
    with op.batch_alter_table('review_request', schema=None) as batch_op:
        batch_op.drop_column('due_uncovered')
        batch_op.drop_column('due_rule')

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_column('due_rule')

    with op.batch_alter_table('petition', schema=None) as batch_op:
        batch_op.drop_column('handling_due_uncovered')
        batch_op.drop_column('handling_due_rule')
        batch_op.drop_column('handling_due')
        batch_op.drop_column('forward_due_uncovered')
        batch_op.drop_column('forward_due_rule')
        batch_op.drop_column('acceptance_due_uncovered')
        batch_op.drop_column('acceptance_due_rule')

    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.drop_column('active')

    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.drop_column('group_visit_min_people')
        batch_op.drop_column('due_soon_days')
        batch_op.drop_column('receiving_officers')
        batch_op.drop_column('seal_text')

    op.execute(
        sa.text(
            "DELETE FROM deadline_rule WHERE code IN "
            "('register_forward', 'referral_objection', 'rereview_request', "
            "'rereview_decision', 'leader_reply_max')"
        )
    )
