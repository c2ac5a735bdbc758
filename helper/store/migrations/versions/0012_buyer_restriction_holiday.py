"""Contact restrictions gain ``holiday``: a festival a buyer named (过年别打), or NULL.

Revision ID: 0012_buyer_restriction_holiday
Revises: 0011_team_deliveries
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_buyer_restriction_holiday"
down_revision = "0011_team_deliveries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact_restrictions") as batch:
        batch.add_column(sa.Column("holiday", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("contact_restrictions") as batch:
        batch.drop_column("holiday")
