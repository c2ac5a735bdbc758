"""Complaints, orders seen on pages, reminders and their per-client deliveries.

Revision ID: 0003_complaints
Revises: 0002_contacts
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0003_complaints"
down_revision = "0002_contacts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("case_id", sa.String(100)),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("type_label", sa.String(100), nullable=False),
        sa.Column("buyer_key", sa.String(64)),
        sa.Column("buyer_masked", sa.String(100)),
        sa.Column("order_id", sa.String(64)),
        sa.Column("received_at", UtcDateTime, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("evidence_due_at", UtcDateTime, nullable=False),
        sa.Column("evidence_due_stated", sa.Boolean, nullable=False),
        sa.Column("evidence_submitted_at", UtcDateTime),
        sa.Column("decision_expected_from", UtcDateTime, nullable=False),
        sa.Column("decision_expected_by", UtcDateTime, nullable=False),
        sa.Column("provisional", sa.Boolean, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_complaints"),
        sa.UniqueConstraint("platform", "case_id", name="uq_complaints_platform_case_id"),
    )
    op.create_index("ix_complaints_buyer_key", "complaints", ["buyer_key"])
    op.create_table(
        "seen_orders",
        sa.Column("id", sa.Integer),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("buyer_key", sa.String(64)),
        sa.Column("buyer_masked", sa.String(100)),
        sa.Column("trade_status", sa.String(100)),
        sa.Column("settled_at", UtcDateTime),
        sa.Column("complaint_window_ends_at", UtcDateTime),
        sa.Column("seen_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_seen_orders"),
        sa.UniqueConstraint("platform", "order_id", name="uq_seen_orders_platform_order_id"),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer),
        sa.Column("complaint_id", sa.Integer),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("offset_minutes", sa.Integer),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.String(2000), nullable=False),
        sa.Column("due_at", UtcDateTime, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("fired_at", UtcDateTime),
        sa.Column("fired_late", sa.Boolean, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("closed_at", UtcDateTime),
        sa.PrimaryKeyConstraint("id", name="pk_reminders"),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            ondelete="CASCADE",
            name="fk_reminders_complaint_id_complaints",
        ),
    )
    op.create_index("ix_reminders_complaint_id", "reminders", ["complaint_id"])
    op.create_index("ix_reminders_due_at", "reminders", ["due_at"])
    op.create_index("ix_reminders_state", "reminders", ["state"])
    op.create_table(
        "reminder_deliveries",
        sa.Column("reminder_id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("delivered_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("reminder_id", "client_id", name="pk_reminder_deliveries"),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["reminders.id"],
            ondelete="CASCADE",
            name="fk_reminder_deliveries_reminder_id_reminders",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            ondelete="CASCADE",
            name="fk_reminder_deliveries_client_id_clients",
        ),
    )


def downgrade() -> None:
    op.drop_table("reminder_deliveries")
    op.drop_table("reminders")
    op.drop_table("seen_orders")
    op.drop_table("complaints")
