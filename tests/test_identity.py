"""Phone normalisation, keyed hashing and masking."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helper.identity import (
    KeyedHasher,
    load_or_create_secret,
    mask_nick,
    mask_phone,
    normalise_phone,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("138-1234-5678", "+8613812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("+8613812345678", "+8613812345678"),
        ("0086 13812345678", "+8613812345678"),
        ("8613812345678", "+8613812345678"),
        ("１３８１２３４５６７８", "+8613812345678"),  # full-width digits
        ("(010) 8888-6666", "+861088886666"),
        ("0755-12345678", "+8675512345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("tb_buyer_01", None),
        ("12345", None),
        ("2026112201", None),  # an order-like number is not a phone
        ("", None),
    ],
)
def test_normalise_phone(raw: str, expected: str | None) -> None:
    assert normalise_phone(raw) == expected


@given(
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    st.sampled_from(["", "+86", "0086", "+86 "]),
    st.sampled_from(["", " ", "-"]),
)
def test_every_spelling_of_a_mobile_gets_one_key(number: str, prefix: str, sep: str) -> None:
    spelled = prefix + sep.join([number[:3], number[3:7], number[7:]])
    hasher = KeyedHasher(b"k" * 32)
    assert hasher.buyer(spelled).key == hasher.buyer(number).key
    assert normalise_phone(normalise_phone(spelled) or "") == "+86" + number


def test_keys_are_stable_keyed_and_kind_separated() -> None:
    one, other = KeyedHasher(b"a" * 32), KeyedHasher(b"b" * 32)
    assert one.buyer("13812345678").key == one.buyer("+86 138 1234 5678").key
    assert one.buyer("13812345678").key != other.buyer("13812345678").key
    assert one.key("phone", "x") != one.key("nick", "x")
    assert one.buyer("TB_Buyer").key == one.buyer(" tb_buyer ").key
    assert "13812345678" not in one.buyer("13812345678").key


def test_buyer_kinds_and_masks() -> None:
    hasher = KeyedHasher(b"s" * 32)
    phone = hasher.buyer("13812345678")
    assert (phone.kind, phone.masked) == ("phone", "138****5678")
    nick = hasher.buyer("tb123")
    assert (nick.kind, nick.masked) == ("nick", "t**3")
    with pytest.raises(ValueError):
        hasher.buyer("   ")


def test_masks() -> None:
    assert mask_phone("+8613812345678") == "138****5678"
    assert mask_nick("tb123") == "t**3"
    assert mask_nick("王小明") == "王**明"
    assert mask_nick("ab") == "a*"
    assert mask_nick("a") == "*"


def test_secret_is_created_once_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "secret.key"
    first = load_or_create_secret(path)
    assert len(first) == 32
    assert load_or_create_secret(path) == first
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_damaged_secret_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.key"
    path.write_bytes(b"short")
    with pytest.raises(ValueError, match="damaged"):
        load_or_create_secret(path)
