"""Evidence pack: where a complaint's deadline came from, and warnings linked to a buyer.

- complaints: the deadline the rule gives (kept when the page's wins), what the page showed,
  and the capture time a countdown (剩余 1 天 23 小时) was counted from.
- warning_events: the buyer the warned draft was for (keyed hash), and the draft's text only
  when the agent chose to keep it as evidence.

Revision ID: 0008_evidence_pack
Revises: 0007_guard_allowances
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0008_evidence_pack"
down_revision = "0007_guard_allowances"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("evidence_due_rule_at", UtcDateTime))
        batch.add_column(sa.Column("evidence_due_page_text", sa.String(100)))
        batch.add_column(sa.Column("evidence_due_seen_at", UtcDateTime))
    # Existing rows: where the rule's deadline is the one in force, it is known already.
    op.execute(
        "UPDATE complaints SET evidence_due_rule_at = evidence_due_at "
        "WHERE evidence_due_stated = false"
    )
    with op.batch_alter_table("warning_events") as batch:
        batch.add_column(sa.Column("buyer_key", sa.String(64)))
        batch.add_column(sa.Column("kept_text", sa.String(2000)))
        batch.create_index("ix_warning_events_buyer_key", ["buyer_key"])


def downgrade() -> None:
    with op.batch_alter_table("warning_events") as batch:
        batch.drop_index("ix_warning_events_buyer_key")
        batch.drop_column("kept_text")
        batch.drop_column("buyer_key")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("evidence_due_seen_at")
        batch.drop_column("evidence_due_page_text")
        batch.drop_column("evidence_due_rule_at")
