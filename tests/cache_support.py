"""Shared by the tests of the files kept in the cache folder (slot_sources.py,
lexicon_kept.py, ...): the texts whose verdicts a cached load must reproduce, and the ways a
cache file is damaged."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from helper.checks.message import MessageEngine
from helper.checks.message.engine import CompiledRules
from tests.message_support import EXTRA_RULE, copied_rules

DATA = Path(__file__).parent / "data"
DAMAGES = ["altered", "truncated", "wrong shape", "empty"]
T = TypeVar("T")


def verdict_texts() -> list[str]:
    """Team violations and ordinary replies: both verdicts, many scenes."""
    rows = (DATA / "violations.tsv").read_text(encoding="utf-8").splitlines()[1:]
    normal = (DATA / "normal_replies.txt").read_text(encoding="utf-8").splitlines()
    return [row.split("\t")[-1] for row in rows] + normal


def verdicts(engine: MessageEngine, texts: list[str]) -> list[str]:
    return [engine.check(text).json_text() for text in texts]


def damaged(intact: bytes, damage: str, *, old: bytes, new: bytes, values: bytes) -> bytes:
    """``intact`` (a file cache_file.py wrote) damaged one way: ``altered`` (``old`` replaced
    by ``new`` inside valid JSON, the checksum as it was), ``truncated``, ``wrong shape``
    (checksummed, of the file's digest, but holding ``values``), ``empty``."""
    checksum, _, body = intact.partition(b"\n")
    if damage == "altered":
        assert old in body
        return checksum + b"\n" + body.replace(old, new, 1)
    if damage == "truncated":
        return intact[: len(intact) // 2]
    if damage == "wrong shape":
        digest = body.split(b'"digest": "')[1].split(b'"')[0]
        other = b'{"digest": "' + digest + b'", "values": ' + values + b"}"
        return hashlib.sha256(other).hexdigest().encode() + b"\n" + other
    assert damage == "empty"
    return b""


def lexicon_keys(rules: CompiledRules) -> dict[str, list[tuple[object, ...]]]:
    """Every automaton key of the rules' lexicon with what it stands for."""
    lexicon = rules.lexicon
    found: dict[str, list[tuple[object, ...]]] = {}
    for name, automata in (("sounds", lexicon._sounds), ("literals", lexicon._literals)):
        for key, entries in automata.entries.items():
            found[f"{name}:{key}"] = sorted(
                (entry.kind, entry.owner, entry.term, entry.written) for entry in entries
            )
    return found


def through_a_rule_edit(folder: Path, kept: Callable[[Path], T]) -> list[T]:
    """``kept`` (what a cache folder holds) after each of four loads of a copy of the shipped
    rules: as shipped, with EXTRA_RULE added, again so, and with it removed. Each load is
    checked to find the extra rule's term (spelled in letters) exactly while it is there."""
    rules = copied_rules(folder)
    cache = folder / "cache"
    extra = rules / "message" / "extra.toml"
    found = []
    for present in (False, True, True, False):
        if present:
            extra.write_text(EXTRA_RULE, encoding="utf-8")
        else:
            extra.unlink(missing_ok=True)
        engine = MessageEngine.load([rules], cache_dir=cache)
        ids = [f.rule_id for f in engine.check("你个lan柿子").findings]
        assert ids == (["insult.extra"] if present else [])
        found.append(kept(cache))
    return found
