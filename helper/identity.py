"""Buyer identifiers: recognising phone numbers, keyed hashes, masked display forms.

Phone numbers and nicks are personal data. The store keeps only an HMAC-SHA256 of the
normalised value, keyed with a per-install secret, so that the same buyer always gets the same
key but the database alone does not reveal who the buyers are. What people see is masked.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_SEPARATORS = re.compile(r"[\s\-().\u00a0\u3000]")
_COUNTRY_CN = re.compile(r"^(?:\+86|0086)")
_MAINLAND_MOBILE = re.compile(r"^(?:\+?86|0086)?(1[3-9]\d{9})$")
# Area code (2-3 digits, no leading 0) + 7-8 digit local number.
_MAINLAND_LANDLINE = re.compile(r"^0?([1-9]\d{8,10})$")
_INTERNATIONAL = re.compile(r"^(?:\+|00)([1-9]\d{6,14})$")


def normalise_phone(value: str) -> str | None:
    """The E.164 form of a phone number, or None when ``value`` is not one.

    Accepts what agents paste: ``+86 138-1234-5678``, ``0086 13812345678``, ``(010) 8888 6666``,
    full-width digits. A mainland landline needs its trunk 0 (``010…``) or the country code, so
    that a nick made of digits is not taken for a number.
    """
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if mobile := _MAINLAND_MOBILE.match(compact):
        return "+86" + mobile.group(1)
    national = _COUNTRY_CN.sub("", compact)
    explicit = national != compact or (compact.startswith("0") and not compact.startswith("00"))
    if explicit and (landline := _MAINLAND_LANDLINE.match(national)):
        return "+86" + landline.group(1)
    if international := _INTERNATIONAL.match(compact):
        return "+" + international.group(1)
    return None


def is_phone(value: str) -> bool:
    return normalise_phone(value) is not None


def normalise_nick(value: str) -> str:
    """Nicks compare case-insensitively and width-insensitively, with outer spaces ignored."""
    return unicodedata.normalize("NFKC", value).strip().casefold()


def mask_phone(e164: str) -> str:
    """``+8613812345678`` -> ``138****5678``: enough to recognise, not enough to dial."""
    digits = e164[3:] if e164.startswith("+86") else e164.lstrip("+")
    if len(digits) <= 7:
        return digits[:1] + "*" * (len(digits) - 1)
    return digits[:3] + "****" + digits[-4:]


def mask_nick(nick: str) -> str:
    """``tb123`` -> ``t**3``."""
    nick = nick.strip()
    if len(nick) <= 1:
        return "*"
    if len(nick) == 2:
        return nick[0] + "*"
    return nick[0] + "**" + nick[-1]


# A run of digits that may be a phone number inside free text (kept drafts, opt-out excerpts):
# 7+ digits with the separators people type, optionally after + or 00.
_PHONE_IN_TEXT = re.compile(r"(?<!\d)\+?\d[\d\s\-()\u00a0\u3000]{5,19}\d(?!\d)")


def mask_phones_in(text: str) -> str:
    """Free text with every phone number in it masked (``请拨 13812345678`` → ``请拨 138****5678``).
    Order numbers (16+ digits) are not phone numbers and stay as they are."""

    def masked(match: re.Match[str]) -> str:
        phone = normalise_phone(match.group(0))
        return mask_phone(phone) if phone else match.group(0)

    return _PHONE_IN_TEXT.sub(masked, text)


@dataclass(frozen=True)
class BuyerRef:
    """A buyer as the caller named them: the kind, the keyed hash and the masked form."""

    kind: str  # "phone" or "nick"
    key: str
    masked: str


class KeyedHasher:
    """HMAC-SHA256 over normalised identifiers with a per-install secret."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("secret too short")
        self._secret = secret

    @property
    def secret(self) -> bytes:
        """The install secret (to write ``secret.key`` back if it was deleted while running)."""
        return self._secret

    def key(self, kind: str, normalised: str) -> str:
        message = f"{kind}:{normalised}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def buyer(self, value: str) -> BuyerRef:
        """Recognise a phone number by its form; anything else is a nick."""
        if not value or not value.strip():
            raise ValueError("buyer is empty")
        phone = normalise_phone(value)
        if phone:
            return BuyerRef("phone", self.key("phone", phone), mask_phone(phone))
        nick = normalise_nick(value)
        return BuyerRef("nick", self.key("nick", nick), mask_nick(value.strip()))


def load_or_create_secret(path: Path) -> bytes:
    """Read the install secret, creating it owner-only (0600) on first use.

    Created with O_EXCL so two processes starting at once cannot write different secrets.
    On Windows the mode bits are advisory; the file lives in the user's own profile directory,
    whose ACL already limits it to that user.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = secrets.token_bytes(32)
    if save_secret_if_missing(path, fresh):
        return fresh
    secret = path.read_bytes()
    if len(secret) < 32:
        raise ValueError(f"{path} is damaged (too short); restore it from a backup")
    return secret


def save_secret_if_missing(path: Path, secret: bytes) -> bool:
    """Write ``secret`` to ``path``, owner-only, unless the file exists; True if written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(secret)
    return True
