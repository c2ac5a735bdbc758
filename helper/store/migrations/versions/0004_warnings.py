"""Warnings: what the agent did after a warning, and the daily count of checked drafts.

Revision ID: 0004_warnings
Revises: 0003_complaints
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0004_warnings"
down_revision = "0003_complaints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "warning_events",
        sa.Column("id", sa.Integer),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("client_id", sa.Integer),
        sa.Column("platform", sa.String(40), nullable=False),
        sa.Column("site", sa.String(255)),
        sa.Column("rule_ids", sa.String(2000), nullable=False),
        sa.Column("verdict", sa.String(10), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_warning_events"),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            ondelete="SET NULL",
            name="fk_warning_events_client_id_clients",
        ),
    )
    op.create_index("ix_warning_events_at", "warning_events", ["at"])
    op.create_table(
        "check_counts",
        sa.Column("day", sa.String(10)),
        sa.Column("checks", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("day", name="pk_check_counts"),
    )


def downgrade() -> None:
    op.drop_table("check_counts")
    op.drop_index("ix_warning_events_at", table_name="warning_events")
    op.drop_table("warning_events")
