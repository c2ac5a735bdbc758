"""Foundation: paired clients, pairing codes and failed pairing attempts.

Revision ID: 0001_foundation
Revises:
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("last_seen_at", UtcDateTime),
        sa.Column("revoked_at", UtcDateTime),
        sa.PrimaryKeyConstraint("id", name="pk_clients"),
        sa.UniqueConstraint("token_hash", name="uq_clients_token_hash"),
    )
    op.create_table(
        "pairing_codes",
        sa.Column("id", sa.Integer),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("expires_at", UtcDateTime, nullable=False),
        sa.Column("used_at", UtcDateTime),
        sa.Column("client_id", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_pairing_codes"),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            ondelete="SET NULL",
            name="fk_pairing_codes_client_id_clients",
        ),
    )
    op.create_table(
        "pairing_failures",
        sa.Column("id", sa.Integer),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pairing_failures"),
    )
    op.create_index("ix_pairing_failures_at", "pairing_failures", ["at"])


def downgrade() -> None:
    op.drop_table("pairing_failures")
    op.drop_table("pairing_codes")
    op.drop_table("clients")
