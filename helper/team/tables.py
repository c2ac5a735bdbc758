"""The ``team`` table: one row holding the verifier of the team's keying secret.

The secret itself is never stored in the database (see ``helper.team.secret``): anyone who
can read the database could otherwise test phone numbers against the buyer keys.
"""

from __future__ import annotations

import sqlalchemy as sa

from helper.store.schema import UtcDateTime, metadata

TEAM_ROW_ID = 1

team = sa.Table(
    "team",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),  # always TEAM_ROW_ID
    # HMAC-SHA256 of a fixed label with the team secret: tells a helper it has the right key,
    # and cannot be used to test a phone number.
    sa.Column("verifier", sa.String(64), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
)
