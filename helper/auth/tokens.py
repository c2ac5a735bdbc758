"""Bearer tokens: issued once, stored only as SHA-256, revocable.

Tokens are 256 random bits, so a plain SHA-256 is enough to make the stored form useless
to a thief; no salt or slow hash is needed (unlike passwords).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.store import Store
from helper.store.schema import clients

TOKEN_PREFIX = "wbg_"


@dataclass(frozen=True)
class Client:
    id: int
    name: str
    kind: str
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


_CLIENT_COLUMNS = (
    clients.c.id,
    clients.c.name,
    clients.c.kind,
    clients.c.created_at,
    clients.c.last_seen_at,
    clients.c.revoked_at,
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(conn: Connection, *, name: str, kind: str, now: datetime) -> tuple[int, str]:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    result = conn.execute(
        clients.insert().values(name=name, kind=kind, token_hash=hash_token(token), created_at=now)
    )
    return int(result.inserted_primary_key[0]), token


# Requests authenticate from memory (helper.auth.cache), which reads this again whenever the
# database changed; built once (building a statement costs more than running it on SQLite).
_LIVE_CLIENTS = sa.select(clients.c.token_hash, *_CLIENT_COLUMNS).where(
    clients.c.revoked_at.is_(None)
)


def live_clients(store: Store) -> dict[str, Client]:
    """Token hash -> client, for every client not revoked. Never waits for a lock."""
    with store.read(wait=False) as conn:
        rows = conn.execute(_LIVE_CLIENTS).all()
    return {
        row.token_hash: Client(**{k: v for k, v in row._mapping.items() if k != "token_hash"})
        for row in rows
    }


def touch_many(store: Store, seen: dict[int, datetime]) -> None:
    """Record when clients were last seen (batched off the request path)."""
    with store.write() as conn:
        for client_id, at in seen.items():
            conn.execute(clients.update().where(clients.c.id == client_id).values(last_seen_at=at))


def list_clients(store: Store) -> list[Client]:
    with store.read() as conn:
        rows = conn.execute(sa.select(*_CLIENT_COLUMNS).order_by(clients.c.id)).all()
    return [Client(**row._mapping) for row in rows]


def revoke(store: Store, client_id: int, now: datetime) -> bool:
    """True if a live client was revoked; False if there is none with that id."""
    with store.write() as conn:
        result = conn.execute(
            clients.update()
            .where(clients.c.id == client_id, clients.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
    return result.rowcount == 1
