"""referrals with several handling units, urging, cases from above, supervision roles

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10 09:00:00.000000

* referral_unit: the handling units of a referral (主办 ``lead`` / 协办), each with its
  receipt (签收), objection (回退, 信访工作条例 Art. 23) and report-back (办理结果);
* referral_urge: reminders (催办) with date and method;
* referral: referred_on (the day of the referral) and source_due (the source's own
  deadline when it capped the office rule);
* petition: the source of a case from above (上级交办/转送, 领导批示件, 12345 热线):
  kind, body, document number, deadline, and the report-back to it;
* supervision_slip.closed_on; office_settings.supervision_roles (extra 督办 recipients).

Batch mode only adds columns here, which SQLite does in place (no table rebuild).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('referral_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('lead', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('received_by', sa.String(length=40), nullable=False),
    sa.Column('objected_on', sa.Date(), nullable=True),
    sa.Column('objection_reason', sa.Text(), nullable=False),
    sa.Column('objection_due', sa.Date(), nullable=True),
    sa.Column('objection_late', sa.Boolean(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('report_text', sa.Text(), nullable=False),
    sa.Column('report_doc_no', sa.String(length=60), nullable=False),
    sa.Column('report_attachment', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_referral_unit_department_id_department')),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_referral_unit_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_unit'))
    )
    with op.batch_alter_table('referral_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_unit_referral_id'), ['referral_id'], unique=False)

    op.create_table('referral_urge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('urged_on', sa.Date(), nullable=False),
    sa.Column('method', sa.Enum('phone', 'slip', 'other', name='urgemethod', native_enum=False, length=24), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_referral_urge_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_urge'))
    )
    with op.batch_alter_table('referral_urge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_urge_referral_id'), ['referral_id'], unique=False)

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('referred_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('source_due', sa.Date(), nullable=True))

    with op.batch_alter_table('petition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_kind', sa.Enum('own', 'above_assign', 'above_forward', 'leader_memo', 'hotline', name='casesource', native_enum=False, length=24), server_default='own', nullable=False))
        batch_op.add_column(sa.Column('source_body', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('source_doc_no', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('source_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('source_reported_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('source_report_doc_no', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('source_report_note', sa.Text(), server_default='', nullable=False))

    with op.batch_alter_table('supervision_slip', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))

    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supervision_roles', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.drop_column('supervision_roles')

    with op.batch_alter_table('supervision_slip', schema=None) as batch_op:
        batch_op.drop_column('closed_on')

    with op.batch_alter_table('petition', schema=None) as batch_op:
        batch_op.drop_column('source_report_note')
        batch_op.drop_column('source_report_doc_no')
        batch_op.drop_column('source_reported_on')
        batch_op.drop_column('source_due')
        batch_op.drop_column('source_doc_no')
        batch_op.drop_column('source_body')
        batch_op.drop_column('source_kind')

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_column('source_due')
        batch_op.drop_column('referred_on')

    with op.batch_alter_table('referral_urge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_urge_referral_id'))
    op.drop_table('referral_urge')

    with op.batch_alter_table('referral_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_unit_referral_id'))
    op.drop_table('referral_unit')
