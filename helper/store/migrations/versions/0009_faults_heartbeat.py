"""A one-row table the store watcher writes to find out whether writes work again.

Revision ID: 0009_faults_heartbeat
Revises: 0008_evidence_pack
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0009_faults_heartbeat"
down_revision = "0008_evidence_pack"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_heartbeat",
        sa.Column("id", sa.Integer),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_heartbeat"),
    )


def downgrade() -> None:
    op.drop_table("store_heartbeat")
