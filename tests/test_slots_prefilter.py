"""The slot matcher's prefilter (only patterns with a word of every required token in the
text run) finds exactly what running every pattern on every text finds, on the team's
corpora, on long messages joined from them, and on texts generated from the slot words; and
skipping the rules the learned model will not confirm loses no match the model confirms."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.checks.message.rules import Rule
from helper.checks.message.structure import SlotMatcher
from helper.slots import Slots
from helper.text import fold
from tests.message_support import shipped_engine

DATA = Path(__file__).parent / "data"


def corpus() -> list[str]:
    lines = [row.split("\t")[-1] for row in _lines(DATA / "violations.tsv")[1:]]
    lines += _lines(DATA / "normal_replies.txt")
    for path in sorted((DATA / "fresh").glob("*.tsv")):
        lines += [cell for row in _lines(path) for cell in row.split("\t")]
    rng = random.Random(20261130)
    joined = ["".join(rng.choice(lines) for _ in range(12)) for _ in range(150)]
    return lines + joined


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@lru_cache(maxsize=2)
def shipped_matchers(
    *, prefilter: bool = True, compact: bool = True
) -> tuple[SlotMatcher, SlotMatcher]:
    """The shipped rules' slot matcher, and one built with these options."""
    rules = shipped_engine().rules
    return (
        SlotMatcher(rules.book, rules.normaliser),
        SlotMatcher(rules.book, rules.normaliser, prefilter=prefilter, compact=compact),
    )


def same_matches(text: str) -> bool:
    """Whether the prefiltered matcher finds what running every pattern on every text finds
    (and says so from the views alike); asserts with the text on a difference."""
    return matches_alike(*shipped_matchers(prefilter=False), text)


def matches_alike(one: SlotMatcher, other: SlotMatcher, text: str) -> bool:
    """Whether two slot matchers of the shipped rules say alike whether ``text`` may match
    and find the same matches (returns whether they found any); asserts with the text on a
    difference."""
    rules = shipped_engine().rules
    views = rules.normaliser.views(text)
    normalised = rules.normaliser.normalise(text, views)
    assert one.may_match(views, _none_set_aside) == other.may_match(views, _none_set_aside), text
    found = sorted((m.rule.id, m.start, m.end) for m in one.find(normalised))
    assert found == sorted((m.rule.id, m.start, m.end) for m in other.find(normalised)), text
    return bool(found)


def _none_set_aside(rule: Rule) -> bool:
    return False


def confirmed(
    text: str, *, skipping: bool, find_skips: bool = False
) -> tuple[list[tuple[str, int, int]], int]:
    """The shipped slot matcher's matches in ``text`` that the learned model confirms (as
    CompiledRules.find keeps them), with the unconfirmed rules' patterns skipped or read by
    ``may_match`` (``skipping``) and by ``find`` (``find_skips``); and how many matches the
    model set aside."""
    rules = shipped_engine().rules
    matcher = next(m for m in rules.matchers if isinstance(m, SlotMatcher))
    views = rules.normaliser.views(text)
    normalised = rules.normaliser.normalise(text, views)
    unconfirmed = rules._unconfirmed(text, lambda: normalised)
    matcher.may_match(views, unconfirmed if skipping else _none_set_aside)
    found = list(matcher.find(normalised, unconfirmed if find_skips else _none_set_aside))
    kept = sorted((m.rule.id, m.start, m.end) for m in found if not unconfirmed.match(m))
    return kept, len(found) - len(kept)


def test_skipping_what_the_model_will_not_confirm_loses_no_confirmed_match() -> None:
    set_aside = skipped = 0
    for text in corpus():
        # skipped by may_match and (tenth wave) by find, which reads every candidate of both
        # views when a slot word may be typed in a sound-alike spelling
        kept, left = confirmed(text, skipping=True, find_skips=True)
        everything, dropped = confirmed(text, skipping=False)
        assert kept == everything, text
        set_aside += dropped
        skipped += dropped - left
    # long joined messages hold many cues the model does not confirm: the skip is exercised
    assert set_aside >= 20
    assert skipped >= 20


def test_the_prefilter_changes_no_slot_match() -> None:
    matched = sum(same_matches(text) for text in corpus())
    assert matched >= 50  # the corpora hold many threats and harassment drafts


def _slot_words() -> list[str]:
    book = shipped_engine().rules.book
    return sorted({w for words in book.slots.values() if isinstance(words, tuple) for w in words})


# pieces of generated drafts: every word of every slot (the anchors the prefilter looks
# for), separators and everyday characters between them
DRAFT_PIECES = st.one_of(
    st.sampled_from(_slot_words()),
    st.sampled_from(["，", "。", " ", "的", "了", "好", "亲", "a", "3", "？", "！"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DRAFT_PIECES, min_size=1, max_size=30))
def test_the_prefilter_changes_no_match_on_generated_drafts(pieces: list[str]) -> None:
    same_matches("".join(pieces))


def test_anchors_are_the_words_of_required_tokens() -> None:
    slots = Slots({"held": ("地址", "身份证"), "time": "[0-9]+点"}, fold, "，。")
    assert slots.anchors("held ..6 [知道|有] 等着? ~9 上门") == (
        ("地址", "身份证"),
        ("知道", "有"),
        ("上门",),
    )
    # a pattern slot has no word list: the pattern's word tokens anchor it (twelfth wave)
    assert slots.anchors("held ..4 time") == (("地址", "身份证"),)
    assert slots.anchors("time ..4 等着? time") is None  # no required word list at all


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DRAFT_PIECES, min_size=40, max_size=200))
def test_walking_from_the_words_changes_no_match_on_long_drafts(pieces: list[str]) -> None:
    # long drafts (hundreds of characters) are where a walk tries many places and skips the
    # ones its rarest token's words cannot reach (slot_walk.py); prefilter=False reads every
    # pattern with RE2 over the whole view
    same_matches("".join(pieces))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DRAFT_PIECES, min_size=40, max_size=200))
def test_skipping_unconfirmed_rules_loses_no_confirmed_match_on_long_drafts(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    assert confirmed(text, skipping=True)[0] == confirmed(text, skipping=False)[0], text
