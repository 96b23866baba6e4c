"""search index: FTS5 per-character substring index of name, address and summary

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 21:40:00.000000

* ``petition_search``: an FTS5 table (``ascii`` tokenizer, one token per character) whose
  rowid is a time key (newest first by rowid), see :mod:`petitiondesk.store.search_index`;
* ``petition_search_key``: petition id → its current key;
* both filled here from the existing petitions (about a minute per million on 2 cores).

Neither table is part of ``Base.metadata`` (the models-vs-migrations comparison leaves
them out through :func:`~petitiondesk.store.search_index.is_index_table`).

Shipped migrations are never edited: fix forward with a new revision.
"""

from __future__ import annotations

from alembic import op

from petitiondesk.store import search_index

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.rebuild(op.get_bind())


def downgrade() -> None:
    for statement in search_index.DROP:
        op.execute(statement)
