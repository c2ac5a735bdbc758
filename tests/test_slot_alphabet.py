"""The slot patterns' compact codes (slot_alphabet.py) find the same matches, at the same
characters, as the patterns on the text's UTF-8: the shipped rules' slot matcher on the
team's corpora and on drafts generated from the slot words and characters no word holds,
and a rule book with a pattern slot (which stays in UTF-8)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.checks.message import MessageEngine
from helper.checks.message.slot_alphabet import SlotAlphabet, codable
from tests.message_support import shipped_engine
from tests.test_message_rules import GOOD_RULE, write_rules
from tests.test_slots_prefilter import corpus, matches_alike, shipped_matchers


def test_words_and_texts_are_written_alike_one_character_each() -> None:
    alphabet = SlotAlphabet()
    words = [alphabet.word(w) for w in ("地址", "知道", "qq号")]
    text = "亲，您的地址我们都知道，加qq号。Hello 123 ☺"
    coded = alphabet.text(text)
    assert len(coded) == len(text)
    assert len(coded.encode()) < len(text.encode())
    assert all(word in coded for word in words)
    # characters no word holds all read alike; ASCII stays as typed
    assert alphabet.text("☺") == alphabet.text("㐀") == alphabet.text("您") != alphabet.text("地")
    assert alphabet.text("Hello 123") == "Hello 123"


def test_pattern_slots_that_name_characters_one_by_one_are_codable() -> None:
    assert codable(r"\b(?:nt|zz|sjb)") and codable("(?:$|。|[吧啊吗]|一个)")
    assert codable("[^。]{1,3}") and codable(r"[0-9]{1,2}(?:点|时)")
    for regex in ("[一-龥]{2}", r"\p{Han}", r"\pN", r"\x{4e00}", r"\C", "(?i)ab", "(?si:a)"):
        assert not codable(regex), regex
    # the shipped pattern slots are: the shipped rules run in codes
    book = shipped_engine().rules.book
    assert all(codable(v) for v in book.slots.values() if isinstance(v, str))


def test_without_compact_nothing_changes() -> None:
    alphabet = SlotAlphabet(compact=False)
    assert alphabet.word("地址") == "地址"
    assert alphabet.text("地址。☺") == "地址。☺"


def same_matches(text: str) -> bool:
    """Whether the matcher in codes finds what one on the text's UTF-8 finds."""
    return matches_alike(*shipped_matchers(compact=False), text)


def test_the_codes_change_no_slot_match_on_the_corpora() -> None:
    assert sum(same_matches(text) for text in corpus()) >= 50


def _slot_words() -> list[str]:
    book = shipped_engine().rules.book
    return sorted({w for words in book.slots.values() if isinstance(words, tuple) for w in words})


# slot words, clause breaks, ASCII, characters no slot word holds (emoji, rare Han, any)
_PIECES = st.one_of(
    st.sampled_from(_slot_words()),
    st.sampled_from(["，", "。", " ", "的", "了", "亲", "a", "3", "？", "\n", "☺", "㐀", "龘"]),
    # what the pattern slots read: initials, their word boundaries, the words after them
    st.sampled_from(["nt", "zz", "dz", "sjb", "feiwu", "ntx", "_", "吧", "一个", "玩意", "$"]),
    st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=("Cs",)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=30))
def test_the_codes_change_no_match_on_generated_drafts(pieces: list[str]) -> None:
    same_matches("".join(pieces))


def test_a_pattern_slot_keeps_the_text_in_utf8(tmp_path: Path) -> None:
    # a pattern slot may name characters by range: 在家吧 is in no word list, so in codes it
    # would be the shared code, which the range does not hold
    slots = '[slots]\nheld = ["地址"]\nhan = { regex = "[一-龥]{2}" }\n\n'
    rule = GOOD_RULE.replace('terms = ["坏蛋"]', 'slots = ["held ..2 han"]')
    write_rules(tmp_path, "a.toml", slots + rule)
    engine = MessageEngine.load([tmp_path])
    assert [f.match for f in engine.check("你的地址在家吧").findings] == ["地址在家吧"]
