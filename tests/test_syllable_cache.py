"""The syllable table kept between runs (helper/checks/message/syllable_cache.py): read back,
it is the table built from pypinyin; a damaged or stale file is rebuilt."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helper.checks.message import normalise
from helper.checks.message.normalise import Syllables, build_syllables
from helper.checks.message.syllable_cache import FILE_NAME, load_syllables


def _fields(table: Syllables) -> tuple[object, ...]:
    return (
        list(table.key_of_char.items()),
        dict(table.spelling_of_key),
        list(table.key_of_syllable.items()),
        list(table.keys_of_char.items()),
        dict(table.key_table),
    )


def _load(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Syllables:
    """A first load of a process (the process's own table is put back after the test)."""
    monkeypatch.setattr(normalise, "_table", None)
    load_syllables(folder)
    assert normalise._table is not None
    return normalise._table


def test_the_kept_table_is_the_built_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _fields(build_syllables())
    assert _fields(_load(tmp_path, monkeypatch)) == built  # built and written
    written = (tmp_path / FILE_NAME).read_bytes()
    assert _fields(_load(tmp_path, monkeypatch)) == built  # read
    assert (tmp_path / FILE_NAME).read_bytes() == written  # nothing to write again


def test_a_process_keeps_the_table_it_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_use = _load(tmp_path / "first", monkeypatch)
    load_syllables(tmp_path / "second")  # a later load (a reload, another engine)
    assert normalise._table is in_use
    assert not (tmp_path / "second" / FILE_NAME).exists()


@pytest.mark.parametrize("damage", ["altered", "truncated", "other digest", "wrong shape"])
def test_a_damaged_or_stale_table_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    built = _fields(build_syllables())
    _load(tmp_path, monkeypatch)
    path = tmp_path / FILE_NAME
    intact = path.read_bytes()
    checksum, _, body = intact.partition(b"\n")
    if damage == "altered":  # one reading changed inside valid JSON, the checksum as it was
        damaged = checksum + b"\n" + body.replace(b'"syllables": {"', b'"syllables": {"x', 1)
    elif damage == "truncated":
        damaged = intact[: len(intact) // 2]
    else:
        if damage == "other digest":
            changed = body.replace(b'"digest": "', b'"digest": "0', 1)
        else:  # checksummed and of this digest, but not the shape the cache writes
            changed = body.replace(b'"chars": "', b'"chars": "x', 1)
        damaged = hashlib.sha256(changed).hexdigest().encode() + b"\n" + changed
    assert damaged != intact
    path.write_bytes(damaged)
    assert _fields(_load(tmp_path, monkeypatch)) == built
    assert path.read_bytes() == intact  # written afresh
