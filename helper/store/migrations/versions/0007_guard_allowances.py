"""Guard: allowances (「以后不再提示」) and the shop profile.

Revision ID: 0007_guard_allowances
Revises: 0006_structure_restrictions
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0007_guard_allowances"
down_revision = "0006_structure_restrictions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guard_allowances",
        sa.Column("id", sa.Integer),
        sa.Column("rule_id", sa.String(100)),
        sa.Column("term", sa.String(100), nullable=False),
        sa.Column("folded", sa.String(100), nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.Column("client_id", sa.Integer),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_guard_allowances"),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            ondelete="SET NULL",
            name="fk_guard_allowances_client_id_clients",
        ),
        sa.UniqueConstraint("rule_id", "folded", name="uq_guard_allowances_rule_term"),
    )
    op.create_table(
        "shop_profile",
        sa.Column("key", sa.String(40)),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_shop_profile"),
    )


def downgrade() -> None:
    op.drop_table("shop_profile")
    op.drop_table("guard_allowances")
