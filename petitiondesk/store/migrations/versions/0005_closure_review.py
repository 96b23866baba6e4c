"""closure and review: the completion report, the written opinion, delivery, satisfaction,
reopening and archiving; 复查/复核 hearings, outcomes and links; closure settings

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-20 09:00:00.000000

* closure: the completion report's document number, handling, signer and date; the
  opinion's title, number, decision and review route; delivery details (posting date,
  tracking number, note, signer); how and when satisfaction was asked; reopening and
  the archive flag (存档销案). ``closed_at`` becomes nullable (the row now exists before
  the case is closed; no shipped database has closure rows), which rebuilds the table.
* review_request: the 复查 a 复核 follows, whether the office is the reviewing body,
  the hearing (听证) dates, the outcome, decision number and the day it was received.
* office_settings: the opinion title (default 信访处理意见书) and the review bodies.

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('closure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_doc_no', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('report_handling', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('report_signer', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('report_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('opinion_title', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('opinion_no', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('opinion_decision', sa.Enum('support', 'explain', 'not_support', name='opiniondecision', native_enum=False, create_constraint=False, length=24), nullable=True))
        batch_op.add_column(sa.Column('review_route', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('review_body', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('review_days', sa.Integer(), server_default='30', nullable=False))
        batch_op.add_column(sa.Column('delivery_posted_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('delivery_tracking', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('delivery_note', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('delivery_signer', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('satisfaction_method', sa.Enum('phone', 'in_person', 'form', 'online', 'other', name='surveymethod', native_enum=False, create_constraint=False, length=24), nullable=True))
        batch_op.add_column(sa.Column('satisfaction_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reopened_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reopen_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('archived_on', sa.Date(), nullable=True))
        batch_op.alter_column('closed_at', existing_type=sa.DateTime(), nullable=True, server_default=None)

    with op.batch_alter_table('review_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('office_reviews', sa.Boolean(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('hearing_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('hearing_end', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.Enum('uphold', 'revoke', 'change', name='reviewoutcome', native_enum=False, create_constraint=False, length=24), nullable=True))
        batch_op.add_column(sa.Column('decision_no', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('decision_received_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_review_request_previous_id_review_request'), 'review_request', ['previous_id'], ['id'])

    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opinion_title', sa.String(length=40), server_default='信访处理意见书', nullable=False))
        batch_op.add_column(sa.Column('review_body', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('rereview_body', sa.String(length=100), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('office_settings', schema=None) as batch_op:
        batch_op.drop_column('rereview_body')
        batch_op.drop_column('review_body')
        batch_op.drop_column('opinion_title')

    with op.batch_alter_table('review_request', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_review_request_previous_id_review_request'), type_='foreignkey')
        batch_op.drop_column('decision_received_on')
        batch_op.drop_column('decision_no')
        batch_op.drop_column('outcome')
        batch_op.drop_column('hearing_end')
        batch_op.drop_column('hearing_start')
        batch_op.drop_column('office_reviews')
        batch_op.drop_column('previous_id')

    with op.batch_alter_table('closure', schema=None) as batch_op:
        batch_op.alter_column('closed_at', existing_type=sa.DateTime(), nullable=False, server_default=sa.text('(CURRENT_TIMESTAMP)'))
        for name in ('archived_on', 'reopen_reason', 'reopened_on', 'satisfaction_on',
                     'satisfaction_method', 'delivery_signer', 'delivery_note',
                     'delivery_tracking', 'delivery_posted_on', 'review_days', 'review_body',
                     'review_route', 'opinion_decision', 'opinion_no', 'opinion_title',
                     'report_date', 'report_signer', 'report_handling', 'report_doc_no'):
            batch_op.drop_column(name)
