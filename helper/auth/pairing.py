"""Pairing: a 6-digit code shown on the PC, exchanged once for a token by the extension.

Guessing is bounded: every wrong attempt is recorded; ``max_failures`` wrong attempts within
``lockout_seconds`` lock pairing for the rest of that window and void every outstanding code,
so an attacker gets at most ``max_failures`` guesses at any one code (5 in 10^6 by default).
The code is kept only as a keyed hash.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.auth.tokens import issue_token
from helper.identity import KeyedHasher
from helper.settings import PairingSettings
from helper.store import Store
from helper.store.schema import clients, pairing_codes, pairing_failures


class PairingError(Exception):
    def __init__(self, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class Paired:
    client_id: int
    token: str


def _code_hash(hasher: KeyedHasher, code: str) -> str:
    return hasher.key("pairing-code", code)


def create_code(
    store: Store, hasher: KeyedHasher, settings: PairingSettings, now: datetime
) -> tuple[int, str, datetime]:
    """A fresh code; any earlier unused code stops working."""
    code = f"{secrets.randbelow(10**6):06d}"
    expires_at = now + timedelta(seconds=settings.code_ttl_seconds)
    with store.write() as conn:
        _void_open_codes(conn, now)
        result = conn.execute(
            pairing_codes.insert().values(
                code_hash=_code_hash(hasher, code), created_at=now, expires_at=expires_at
            )
        )
    return int(result.inserted_primary_key[0]), code, expires_at


def code_status(store: Store, code_id: int) -> tuple[str | None, datetime | None]:
    """(name of the client that used the code, or None; when the code expires)."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(clients.c.name, pairing_codes.c.expires_at)
            .select_from(
                pairing_codes.outerjoin(clients, clients.c.id == pairing_codes.c.client_id)
            )
            .where(pairing_codes.c.id == code_id)
        ).first()
    return (row.name, row.expires_at) if row else (None, None)


def redeem(
    store: Store,
    hasher: KeyedHasher,
    settings: PairingSettings,
    *,
    code: str,
    client_name: str,
    now: datetime,
) -> Paired:
    window_start = now - timedelta(seconds=settings.lockout_seconds)
    with store.write() as conn:
        recent = [
            row.at
            for row in conn.execute(
                sa.select(pairing_failures.c.at)
                .where(pairing_failures.c.at > window_start)
                .order_by(pairing_failures.c.at.desc())
            )
        ]
        if len(recent) >= settings.max_failures:
            # Unlocked once the oldest of the last max_failures failures leaves the window.
            unlock_at = recent[settings.max_failures - 1] + timedelta(
                seconds=settings.lockout_seconds
            )
            raise PairingError(
                "pairing_locked",
                "配对尝试次数过多，已暂时锁定。请稍后在电脑上重新运行 helper pair 获取新配对码",
                retry_after=max(1, int((unlock_at - now).total_seconds()) + 1),
            )
        row = conn.execute(
            sa.select(pairing_codes.c.id, pairing_codes.c.expires_at).where(
                pairing_codes.c.code_hash == _code_hash(hasher, code),
                pairing_codes.c.used_at.is_(None),
            )
        ).first()
        if row is not None and row.expires_at > now:
            client_id, token = issue_token(conn, name=client_name, kind="extension", now=now)
            conn.execute(
                pairing_codes.update()
                .where(pairing_codes.c.id == row.id)
                .values(used_at=now, client_id=client_id)
            )
            conn.execute(pairing_failures.delete())
            return Paired(client_id, token)
        conn.execute(pairing_failures.insert().values(at=now))
        failures = len(recent) + 1
        if failures >= settings.max_failures:
            _void_open_codes(conn, now)
    # Raised after the transaction commits, so the failure is recorded.
    if row is not None:
        raise PairingError("pair_code_expired", "配对码已过期，请在电脑上重新运行 helper pair")
    left = settings.max_failures - failures
    if left <= 0:
        raise PairingError(
            "pairing_locked",
            "配对码错误次数过多，已锁定。请稍后重新运行 helper pair 获取新配对码",
            retry_after=settings.lockout_seconds,
        )
    raise PairingError("pair_code_wrong", f"配对码不正确，还可以再试 {left} 次")


def _void_open_codes(conn: Connection, now: datetime) -> None:
    conn.execute(
        pairing_codes.update()
        .where(pairing_codes.c.used_at.is_(None), pairing_codes.c.expires_at > now)
        .values(expires_at=now)
    )
