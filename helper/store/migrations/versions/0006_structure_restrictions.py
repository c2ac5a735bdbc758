"""Contact restrictions: limits a buyer set on contact (hours, days, a date), with their words.

Revision ID: 0006_structure_restrictions
Revises: 0005_faults_delivery_acks
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0006_structure_restrictions"
down_revision = "0005_faults_delivery_acks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_restrictions",
        sa.Column("id", sa.Integer),
        sa.Column("buyer_id", sa.Integer, nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("allowed_from", sa.Integer),
        sa.Column("allowed_until", sa.Integer),
        sa.Column("days", sa.String(7)),
        sa.Column("not_before", sa.String(10)),
        sa.Column("rule_id", sa.String(80), nullable=False),
        sa.Column("excerpt", sa.String(80), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("lifted_at", UtcDateTime),
        sa.Column("lifted_by", sa.String(80)),
        sa.PrimaryKeyConstraint("id", name="pk_contact_restrictions"),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["buyers.id"],
            ondelete="CASCADE",
            name="fk_contact_restrictions_buyer_id_buyers",
        ),
    )
    op.create_index("ix_contact_restrictions_buyer_id", "contact_restrictions", ["buyer_id"])


def downgrade() -> None:
    op.drop_index("ix_contact_restrictions_buyer_id", table_name="contact_restrictions")
    op.drop_table("contact_restrictions")
