"""Contacts: buyers and their keys, the contact log, opt-outs, buyer messages' effects.

Revision ID: 0002_contacts
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0002_contacts"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def _buyer_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["buyer_id"], ["buyers.id"], ondelete="CASCADE", name=f"fk_{table}_buyer_id_buyers"
    )


def upgrade() -> None:
    op.create_table(
        "buyers",
        sa.Column("id", sa.Integer),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_buyers"),
    )
    op.create_table(
        "buyer_keys",
        sa.Column("key", sa.String(64)),
        sa.Column("buyer_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("masked", sa.String(40), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_buyer_keys"),
        _buyer_fk("buyer_keys"),
    )
    op.create_index("ix_buyer_keys_buyer_id", "buyer_keys", ["buyer_id"])
    op.create_table(
        "contact_attempts",
        sa.Column("id", sa.Integer),
        sa.Column("buyer_id", sa.Integer, nullable=False),
        sa.Column("buyer_key", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("outcome", sa.String(12)),
        sa.Column("outcome_at", UtcDateTime),
        sa.Column("verdict", sa.String(8), nullable=False),
        sa.Column("rule_ids", sa.String(500), nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("agent", sa.String(200), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_contact_attempts"),
        _buyer_fk("contact_attempts"),
    )
    op.create_index("ix_contact_attempts_buyer_at", "contact_attempts", ["buyer_id", "at"])
    op.create_index("ix_contact_attempts_at", "contact_attempts", ["at"])
    op.create_table(
        "contact_opt_outs",
        sa.Column("id", sa.Integer),
        sa.Column("buyer_id", sa.Integer, nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("rule_id", sa.String(80), nullable=False),
        sa.Column("excerpt", sa.String(80), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("reversed_at", UtcDateTime),
        sa.Column("reversed_by", sa.String(80)),
        sa.PrimaryKeyConstraint("id", name="pk_contact_opt_outs"),
        _buyer_fk("contact_opt_outs"),
    )
    op.create_index("ix_contact_opt_outs_buyer_id", "contact_opt_outs", ["buyer_id"])
    op.create_table(
        "buyer_messages",
        sa.Column("id", sa.Integer),
        sa.Column("buyer_id", sa.Integer, nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("opt_out", sa.Boolean, nullable=False),
        sa.Column("opt_in", sa.Boolean, nullable=False),
        sa.Column("scope", sa.String(10)),
        sa.Column("callback_after", UtcDateTime),
        sa.PrimaryKeyConstraint("id", name="pk_buyer_messages"),
        _buyer_fk("buyer_messages"),
    )
    op.create_index("ix_buyer_messages_buyer_at", "buyer_messages", ["buyer_id", "at"])
    op.create_index("ix_buyer_messages_at", "buyer_messages", ["at"])


def downgrade() -> None:
    op.drop_table("buyer_messages")
    op.drop_table("contact_opt_outs")
    op.drop_table("contact_attempts")
    op.drop_table("buyer_keys")
    op.drop_table("buyers")
