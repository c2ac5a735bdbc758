"""Reminder deliveries wait for the client's acknowledgement (at-least-once delivery).

A delivery row now says when the client acknowledged it (``acked_at``, NULL until then) and
how often it was handed out (``attempts``); an unacknowledged delivery is handed out again.

Revision ID: 0005_faults_delivery_acks
Revises: 0004_warnings
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0005_faults_delivery_acks"
down_revision = "0004_warnings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminder_deliveries") as batch:
        batch.add_column(sa.Column("acked_at", UtcDateTime, nullable=True))
        batch.add_column(
            sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("1"))
        )
    # Deliveries made before this revision were final (handed out once, never again): count
    # them as acknowledged so an upgrade does not show old reminders a second time.
    op.execute("UPDATE reminder_deliveries SET acked_at = delivered_at")


def downgrade() -> None:
    with op.batch_alter_table("reminder_deliveries") as batch:
        batch.drop_column("attempts")
        batch.drop_column("acked_at")
