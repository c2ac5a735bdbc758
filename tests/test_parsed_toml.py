"""Parsed rule files kept between runs (helper/parsed_toml.py): a load from the cache reads
exactly the rules a parse reads, an edited file is parsed again, and a damaged cache file is
noticed, ignored and written afresh."""

from __future__ import annotations

import datetime
import hashlib
import json
import tomllib
from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.checks.message.rules import load_rulebook
from helper.parsed_toml import FILE_NAME, ParsedToml
from helper.rulefiles import shipped_rules_dir
from tests.message_support import EXTRA_RULE, copied_rules


def _cached(folder: Path) -> dict[str, str]:
    checksum, _, body = (folder / FILE_NAME).read_bytes().partition(b"\n")
    assert hashlib.sha256(body).hexdigest().encode() == checksum
    return json.loads(body)["files"]


def _examples() -> list[str]:
    book = load_rulebook([shipped_rules_dir()])
    return [text for rule in book.rules for text in (*rule.flag, *rule.passes)][:400]


def _verdicts(engine: MessageEngine, texts: list[str]) -> list[str]:
    return [engine.check(text, one_per_span=False).json_text() for text in texts]


def test_rules_read_from_the_cache_are_the_rules_parsed(tmp_path: Path) -> None:
    dirs = [shipped_rules_dir()]
    parsed = load_rulebook(dirs)
    first = ParsedToml(tmp_path)
    assert load_rulebook(dirs, first) == parsed
    first.finish()
    kept = _cached(tmp_path)
    assert len(kept) == len(parsed.files)
    again = ParsedToml(tmp_path)
    assert load_rulebook(dirs, again) == parsed
    assert not again._changed  # every file came from the cache
    texts = _examples()
    fresh = MessageEngine.load(dirs)
    assert _verdicts(MessageEngine.load(dirs, cache_dir=tmp_path), texts) == _verdicts(fresh, texts)


def test_an_edited_rule_file_is_parsed_again(tmp_path: Path) -> None:
    rules = copied_rules(tmp_path)
    cache = tmp_path / "cache"
    assert not MessageEngine.load([rules], cache_dir=cache).check("你个烂柿子").findings
    files = len(_cached(cache))
    edited = rules / "message" / "insult.toml"
    shipped = edited.read_text(encoding="utf-8")
    for word in ("烂柿子", "烂茄子"):
        edited.write_text(shipped + "\n" + EXTRA_RULE.replace("烂柿子", word), encoding="utf-8")
        engine = MessageEngine.load([rules], cache_dir=cache)
        assert [f.rule_id for f in engine.check(f"你个{word}").findings] == ["insult.extra"]
        # the file's old data is dropped: one entry per file read
        assert len(_cached(cache)) == files
    assert not engine.check("你个烂柿子").findings


@pytest.mark.parametrize(
    "damage",
    [
        "altered",  # a term changed inside valid JSON, the checksum left as it was
        "truncated",
        "not json",
        "other python",
        "empty",
    ],
)
def test_a_damaged_cache_is_ignored_and_written_afresh(tmp_path: Path, damage: str) -> None:
    dirs = [shipped_rules_dir()]
    MessageEngine.load(dirs, cache_dir=tmp_path)
    path = tmp_path / FILE_NAME
    raw = path.read_bytes()
    checksum, _, body = raw.partition(b"\n")
    assert "傻逼".encode() in body
    if damage == "altered":
        damaged = checksum + b"\n" + body.replace("傻逼".encode(), "傻瓜".encode())
    elif damage == "truncated":
        damaged = raw[: len(raw) // 2]
    elif damage == "not json":
        damaged = hashlib.sha256(b"{oops").hexdigest().encode() + b"\n{oops"
    elif damage == "other python":
        data = json.loads(body)
        data["python"] = [2, 7, 18]
        other = json.dumps(data, ensure_ascii=False).encode()
        damaged = hashlib.sha256(other).hexdigest().encode() + b"\n" + other
    else:
        damaged = b""
    path.write_bytes(damaged)
    reader = ParsedToml(tmp_path)
    assert load_rulebook(dirs, reader) == load_rulebook(dirs)
    assert reader._changed  # nothing was taken from the damaged file
    reader.finish()
    assert path.read_bytes() == raw  # written afresh, as the first load wrote it
    engine = MessageEngine.load(dirs, cache_dir=tmp_path)
    assert engine.check("你个傻逼").verdict == "block"


def test_data_json_cannot_hold_is_parsed_every_time(tmp_path: Path) -> None:
    text = 'day = 2026-11-30\nratio = inf\nname = "规则"\n'
    first = ParsedToml(tmp_path)
    assert first.parse(text) == tomllib.loads(text)
    assert isinstance(first.parse(text)["day"], datetime.date)
    first.finish()
    assert _cached(tmp_path) == {}
    plain = 'ratio = inf\nlimit = -0.0\nbig = 9007199254740993\nname = "规则"\n'
    second = ParsedToml(tmp_path)
    assert second.parse(plain) == tomllib.loads(plain)
    second.finish()
    third = ParsedToml(tmp_path)
    assert third.parse(plain) == tomllib.loads(plain)
    assert not third._changed
