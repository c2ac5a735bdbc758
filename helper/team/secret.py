"""The team keying secret: created once by ``helper team init``, carried to every agent's PC
as a join code, stored there owner-only (like ``secret.key``), never in the database.

Every helper of a team keys buyers with this one secret, so agent B recognises the buyer
agent A called. The database holds only ``verifier(secret)``, an HMAC of a fixed label:
enough for a helper to tell it has the right secret, useless for testing phone numbers
(that needs the secret itself).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_BYTES = 32
CODE_PREFIX = "WBG1"
_CHECK_BYTES = 2  # a mistyped code is caught before it is stored
_GROUP = 5
_VERIFIER_LABEL = b"workbench-guard team key verifier v1"


class JoinCodeError(ValueError):
    """A join code that is not one (mistyped, cut short); the message is Chinese."""


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def verifier(secret: bytes) -> str:
    return hmac.new(secret, _VERIFIER_LABEL, hashlib.sha256).hexdigest()


def _check(secret: bytes) -> bytes:
    return hashlib.sha256(b"wbg-join:" + secret).digest()[:_CHECK_BYTES]


def join_code(secret: bytes) -> str:
    """``WBG1-XXXXX-XXXXX-…``: base32 (no 0/1/8/9 confusion with letters), in groups of 5."""
    text = base64.b32encode(secret + _check(secret)).decode("ascii").rstrip("=")
    groups = [text[i : i + _GROUP] for i in range(0, len(text), _GROUP)]
    return "-".join([CODE_PREFIX, *groups])


def parse_join_code(code: str) -> bytes:
    compact = "".join(code.split()).replace("-", "").upper()
    if not compact.startswith(CODE_PREFIX):
        raise JoinCodeError(f"加入码应以 {CODE_PREFIX}- 开头（由 helper team init 生成）")
    body = compact.removeprefix(CODE_PREFIX)
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError:
        raise JoinCodeError("加入码里有无效字符，请原样复制") from None
    secret, check = raw[:-_CHECK_BYTES], raw[-_CHECK_BYTES:]
    if len(secret) != SECRET_BYTES or not hmac.compare_digest(check, _check(secret)):
        raise JoinCodeError("加入码不完整或有误，请原样复制") from None
    return secret


def read_secret(path: Path) -> bytes | None:
    """The stored team secret, or None when this PC has not joined a team."""
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        return None
    if len(secret) != SECRET_BYTES:
        raise JoinCodeError(f"{path} 已损坏：请重新运行 helper team join 加入码 --replace")
    return secret


def write_secret(path: Path, secret: bytes) -> None:
    """Store the secret owner-only (0600), replacing any earlier one atomically. On Windows
    the mode bits are advisory; the data directory lives in the user's own profile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temporary, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secret)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
