"""The slot patterns' RE2 sources kept between runs (helper/checks/message/slot_sources.py): a
matcher built from the kept sources is the matcher built from the rules, a rule edit writes
them afresh, and a damaged file is noticed, ignored and rewritten."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.checks.message.normalise import Normaliser
from helper.checks.message.rules import load_rulebook
from helper.checks.message.slot_sources import FILE_NAME, SlotSources
from helper.checks.message.structure import SlotMatcher
from helper.rulefiles import shipped_rules_dir
from tests.message_support import copied_rules

DATA = Path(__file__).parent / "data"
SLOT_RULE = (
    '[[rule]]\nid = "threat.extra"\nscene = "threat"\nseverity = "serious"\n'
    'message = "m"\nwhy = "w"\nsuggestion = "亲，您好"\n'
    'slots = ["[月黑风高] ..4 [来找]"]\n'
    'flag = ["月黑风高的时候来找你"]\npass = ["月黑风高，适合睡觉"]\n'
)


def _built(matcher: SlotMatcher) -> tuple[object, ...]:
    """What the matcher runs: sources, anchor tokens, the word automaton's words, codes."""
    return (
        [(rule.id, regex, unless) for rule, regex, unless in matcher._sources],
        matcher._needs,
        matcher._needing,
        sorted(matcher._words.keys()),
        matcher._tokens_of_word,
        matcher._alphabet.codes,
    )


def _texts() -> list[str]:
    rows = (DATA / "violations.tsv").read_text(encoding="utf-8").splitlines()[1:]
    normal = (DATA / "normal_replies.txt").read_text(encoding="utf-8").splitlines()
    return [row.split("\t")[-1] for row in rows] + normal


def test_a_matcher_from_kept_sources_is_the_matcher_from_the_rules(tmp_path: Path) -> None:
    book = load_rulebook([shipped_rules_dir()])
    normaliser = Normaliser(book.lookalikes)
    written = SlotSources(tmp_path)
    fresh = _built(SlotMatcher(book, normaliser, kept=written))
    assert written.missed and (tmp_path / FILE_NAME).is_file()
    kept = SlotSources(tmp_path)
    from_file = _built(SlotMatcher(book, normaliser, kept=kept))
    assert not kept.missed
    assert from_file == fresh == _built(SlotMatcher(book, normaliser))
    dirs = [shipped_rules_dir()]
    MessageEngine.load(dirs, cache_dir=tmp_path / "engine")  # writes every cache
    cached = MessageEngine.load(dirs, cache_dir=tmp_path / "engine")
    plain = MessageEngine.load(dirs)
    texts = _texts()
    assert any(f.scene == "threat" for text in texts for f in plain.check(text).findings)
    assert [cached.check(t).json_text() for t in texts] == [
        plain.check(t).json_text() for t in texts
    ]


def test_a_slot_rule_edit_writes_the_sources_afresh(tmp_path: Path) -> None:
    rules = copied_rules(tmp_path)
    cache = tmp_path / "cache"
    MessageEngine.load([rules], cache_dir=cache)
    before = (cache / FILE_NAME).read_bytes()
    (rules / "message" / "extra.toml").write_text(SLOT_RULE, encoding="utf-8")
    engine = MessageEngine.load([rules], cache_dir=cache)
    assert "threat.extra" in [f.rule_id for f in engine.check("月黑风高的时候来找你").findings]
    assert (cache / FILE_NAME).read_bytes() != before
    again = MessageEngine.load([rules], cache_dir=cache)
    assert "threat.extra" in [f.rule_id for f in again.check("月黑风高的时候来找你").findings]


@pytest.mark.parametrize("damage", ["altered", "truncated", "wrong shape", "empty"])
def test_damaged_sources_are_ignored_and_written_afresh(tmp_path: Path, damage: str) -> None:
    book = load_rulebook([shipped_rules_dir()])
    normaliser = Normaliser(book.lookalikes)
    fresh = _built(SlotMatcher(book, normaliser, kept=SlotSources(tmp_path)))
    path = tmp_path / FILE_NAME
    intact = path.read_bytes()
    checksum, _, body = intact.partition(b"\n")
    if damage == "altered":  # a source changed inside valid JSON, the checksum left as it was
        assert b"(?:" in body
        damaged = checksum + b"\n" + body.replace(b"(?:", b"(?!", 1)
    elif damage == "truncated":
        damaged = intact[: len(intact) // 2]
    elif damage == "wrong shape":  # checksummed, of this digest, but not what keep writes
        digest = body.split(b'"digest": "')[1].split(b'"')[0]
        other = b'{"digest": "' + digest + b'", "values": {"patterns": {"sources": [1]}}}'
        damaged = hashlib.sha256(other).hexdigest().encode() + b"\n" + other
    else:
        damaged = b""
    path.write_bytes(damaged)
    kept = SlotSources(tmp_path)
    assert _built(SlotMatcher(book, normaliser, kept=kept)) == fresh
    assert kept.missed
    assert path.read_bytes() == intact
