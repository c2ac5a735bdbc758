"""The slot patterns' RE2 sources kept between runs (helper/checks/message/slot_sources.py): a
matcher built from the kept sources is the matcher built from the rules, a rule edit writes
them afresh, and a damaged file is noticed, ignored and rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.checks.message.normalise import Normaliser
from helper.checks.message.rules import load_rulebook
from helper.checks.message.slot_sources import FILE_NAME, SlotSources
from helper.checks.message.structure import SlotMatcher
from helper.rulefiles import shipped_rules_dir
from tests.cache_support import DAMAGES, damaged, verdict_texts, verdicts
from tests.message_support import copied_rules

SLOT_RULE = (
    '[[rule]]\nid = "threat.extra"\nscene = "threat"\nseverity = "serious"\n'
    'message = "m"\nwhy = "w"\nsuggestion = "亲，您好"\n'
    'slots = ["[月黑风高] ..4 [来找]"]\n'
    'flag = ["月黑风高的时候来找你"]\npass = ["月黑风高，适合睡觉"]\n'
)


def _built(matcher: SlotMatcher) -> tuple[object, ...]:
    """What the matcher runs: sources, anchor tokens, walks, the word automaton's words,
    codes."""
    return (
        [(rule.id, regex, unless) for rule, regex, unless in matcher._sources],
        matcher._needs,
        matcher._needing,
        [walk and walk._steps for walk in matcher._walks],
        {source: walk and walk._steps for source, walk in matcher._unless_walks.items()},
        sorted(matcher._words.keys()),
        matcher._tokens_of_word,
        matcher._alphabet.codes,
    )


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
    texts = verdict_texts()
    assert any(f.scene == "threat" for text in texts for f in plain.check(text).findings)
    assert verdicts(cached, texts) == verdicts(plain, texts)


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


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_sources_are_ignored_and_written_afresh(tmp_path: Path, damage: str) -> None:
    book = load_rulebook([shipped_rules_dir()])
    normaliser = Normaliser(book.lookalikes)
    fresh = _built(SlotMatcher(book, normaliser, kept=SlotSources(tmp_path)))
    path = tmp_path / FILE_NAME
    intact = path.read_bytes()
    # "altered": a source changed inside valid JSON
    wrong = b'{"patterns": {"sources": [1]}}'
    path.write_bytes(damaged(intact, damage, old=b"(?:", new=b"(?!", values=wrong))
    kept = SlotSources(tmp_path)
    assert _built(SlotMatcher(book, normaliser, kept=kept)) == fresh
    assert kept.missed
    assert path.read_bytes() == intact
