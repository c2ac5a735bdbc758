"""The slot patterns' compact encoding (slot_alphabet.py) finds the same matches, at the same
characters, as the patterns on the text's UTF-8: for every shipped slot pattern on drafts
generated from the slot words and characters no pattern names, and for a rule book with a
pattern slot (which is not encoded compactly)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.checks.message import MessageEngine
from helper.checks.message.slot_alphabet import SlotAlphabet
from helper.checks.message.structure import slots_for
from helper.slots import re2_options
from tests.message_support import shipped_engine
from tests.test_message_rules import GOOD_RULE, write_rules

Span = tuple[int, int]


@lru_cache(maxsize=1)
def shipped_sources() -> list[tuple[str, tuple[str, ...]]]:
    """Every shipped slot pattern's RE2 source and its ``unless`` sources."""
    rules = shipped_engine().rules
    slots = slots_for(rules.book.slots, rules.normaliser)
    patterns = [slots.compile(spec) for rule in rules.book.rules for spec in rule.slots]
    return [(p.regex, p.unless) for p in patterns]


@lru_cache(maxsize=1)
def compiled() -> list[tuple[object, object]]:
    """Each shipped pattern compiled on UTF-8 and in the compact alphabet."""
    sources = shipped_sources()
    alphabet = SlotAlphabet(s for regex, unless in sources for s in (regex, *unless))
    options = re2_options()
    return [
        (re2.compile(regex.encode(), options), re2.compile(alphabet.pattern(regex), options))
        for regex, _ in sources
    ]


def _alphabet() -> SlotAlphabet:
    return SlotAlphabet(s for regex, unless in shipped_sources() for s in (regex, *unless))


def spans(pattern: object, encoded: bytes) -> list[Span]:
    """Matches in characters (both encodings give one character per character)."""
    return [
        (len(encoded[:start].decode()), len(encoded[:end].decode()))
        for start, end in (m.span() for m in pattern.finditer(encoded))  # type: ignore[attr-defined]
    ]


def test_the_compact_text_is_shorter_and_decodes_to_as_many_characters() -> None:
    alphabet = _alphabet()
    text = "亲，您的地址我们都知道，您自己看着办吧。Hello 123 ☺"
    encoded = alphabet.text(text)
    assert len(encoded.decode()) == len(text)
    assert len(encoded) < len(text.encode())
    # characters no pattern names all read alike; ASCII stays as typed
    assert alphabet.text("☺") == alphabet.text("㐀") != alphabet.text("地")
    assert alphabet.text("Hello 123") == b"Hello 123"


def test_without_compact_it_is_utf8() -> None:
    alphabet = SlotAlphabet(["(?:地址)[^。]{0,3}"], compact=False)
    assert alphabet.text("地址。") == "地址。".encode()
    assert alphabet.pattern("(?:地址)") == "(?:地址)".encode()


def _slot_words() -> list[str]:
    book = shipped_engine().rules.book
    return sorted({w for words in book.slots.values() if isinstance(words, tuple) for w in words})


# slot words, clause breaks, ASCII, and characters no slot pattern names (emoji, rare Han)
_PIECES = st.one_of(
    st.sampled_from(_slot_words()),
    st.sampled_from(["，", "。", " ", "的", "了", "亲", "a", "3", "？", "\n", "☺", "㐀", "龘"]),
    st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=("Cs",)),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=30))
def test_every_shipped_pattern_matches_alike_in_both_encodings(pieces: list[str]) -> None:
    text = "".join(pieces)
    alphabet = _alphabet()
    plain, compact = text.encode(), alphabet.text(text)
    for utf8, packed in compiled():
        assert spans(utf8, plain) == spans(packed, compact), text


def test_a_pattern_slot_keeps_the_text_in_utf8(tmp_path: Path) -> None:
    # a pattern slot may name characters by range: 在家 is in no word list, so a compact
    # encoding would make it one shared code that the range does not hold
    slots = '[slots]\nheld = ["地址"]\nhan = { regex = "[一-龥]{2}" }\n\n'
    rule = GOOD_RULE.replace('terms = ["坏蛋"]', 'slots = ["held ..2 han"]')
    write_rules(tmp_path, "a.toml", slots + rule)
    engine = MessageEngine.load([tmp_path])
    assert [f.match for f in engine.check("你的地址在家吧").findings] == ["地址在家吧"]
