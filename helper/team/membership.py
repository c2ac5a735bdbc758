"""Creating a team, joining one, and checking a helper holds the right team key.

``team_hasher`` is what a helper on a team database calls at start: it refuses (one Chinese
line that says what to run) when the database has no team yet, when this PC has no team key,
or when the key is another team's.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.identity import KeyedHasher
from helper.store import Store, StoreError
from helper.store.upsert import insert_unless_exists
from helper.team.secret import (
    JoinCodeError,
    join_code,
    new_secret,
    parse_join_code,
    read_secret,
    verifier,
    write_secret,
)
from helper.team.tables import TEAM_ROW_ID, team

JOIN_HINT = "请运行 helper team join 加入码（加入码由管理员运行 helper team init 得到）"


class TeamKeyError(StoreError):
    """This helper cannot use the team database: no team yet, no key, or the wrong key."""


@dataclass(frozen=True)
class Created:
    code: str
    secret: bytes


def stored_verifier(conn: Connection) -> str | None:
    return conn.execute(sa.select(team.c.verifier).where(team.c.id == TEAM_ROW_ID)).scalar()


def init_team(store: Store, secret_file: Path, *, agent: str, now: datetime) -> Created:
    """Create the team key, store it on this PC and its verifier in the database."""
    secret = new_secret()
    with store.write() as conn:
        row = {"id": TEAM_ROW_ID, "verifier": verifier(secret), "created_at": now}
        # Two `team init` at once: one row wins, the other is told to join instead.
        if insert_unless_exists(conn, team, {**row, "created_by": agent}, ["id"]) is None:
            raise TeamKeyError(
                "这个团队数据库已经有团队密钥：其他成员请用 helper team join 加入码 加入"
                "（加入码可在已加入的电脑上运行 helper team code 查看）"
            )
        # Written before the commit: if it fails, the database keeps no verifier of a key
        # nobody holds.
        write_secret(secret_file, secret)
    return Created(join_code(secret), secret)


def join_team(store: Store | None, secret_file: Path, code: str, *, replace: bool) -> bool:
    """Store the team key from ``code``; True when it was checked against the database."""
    secret = parse_join_code(code)
    existing = read_secret(secret_file)
    if existing is not None and existing != secret and not replace:
        raise TeamKeyError("这台电脑已加入另一个团队；确认要换成新的团队请加 --replace")
    checked = False
    if store is not None:
        with store.read() as conn:
            expected = stored_verifier(conn)
        if expected is None:
            raise TeamKeyError("团队数据库里还没有团队密钥：请管理员先运行 helper team init")
        if not hmac.compare_digest(expected, verifier(secret)):
            raise TeamKeyError("加入码与这个团队数据库不符：请向管理员确认加入码和数据库地址")
        checked = True
    write_secret(secret_file, secret)
    return checked


def current_code(secret_file: Path) -> str:
    secret = read_secret(secret_file)
    if secret is None:
        raise TeamKeyError(f"这台电脑还没有加入团队：{JOIN_HINT}")
    return join_code(secret)


def team_hasher(store: Store, secret_file: Path) -> KeyedHasher:
    """The buyer-key hasher of the team whose database ``store`` is; refuses otherwise."""
    with store.read() as conn:
        expected = stored_verifier(conn)
    if expected is None:
        raise TeamKeyError("团队数据库还没有团队密钥：请管理员运行 helper team init")
    try:
        secret = read_secret(secret_file)
    except JoinCodeError as exc:
        raise TeamKeyError(str(exc)) from None
    if secret is None:
        raise TeamKeyError(f"此助手连接的是团队数据库，但这台电脑没有团队密钥：{JOIN_HINT}")
    if not hmac.compare_digest(expected, verifier(secret)):
        raise TeamKeyError(
            "这台电脑的团队密钥与团队数据库不符：请向管理员要加入码，"
            "运行 helper team join 加入码 --replace"
        )
    return KeyedHasher(secret)
