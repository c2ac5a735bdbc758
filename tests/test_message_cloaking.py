"""Homophone cloaking: a lexicon word respelled in sound-alike characters, as people do to slip
past a filter, is still caught unless the respelling is itself ordinary text (the real-word
gate). Everyday words with one character respelled stay clean."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.cloaking import homophones
from helper.checks.message.words import shared_dictionary
from tests.message_support import shipped_engine

# lexicon words without sound-alikes, respelled keeping one character (and the target)
CLOAKED = [
    "你这人素治低，说话这么冲",  # 素质低
    "你这人很饿心",  # 很恶心
    "你这人恨鄂信",  # 很恶心, every character respelled
    "你这人苏治低",  # 人素质低, every character but one
    "你这种人真是没速质",  # 没素质 (a hand-written insult rule)
    "你这种人恶心认",  # 恶心人
    "草泥马，别来烦我",
    "你是不是煞笔啊",
    "我就是套厌黑人",  # 讨厌黑人 (a group-contempt slot word respelled)
    "我就是看不起外地忍",  # 外地人: 外地 inside is the word as written
    "你这人素质插",  # 素质差
    "你活盖",  # 活该: a two-character word without sound-alikes, one character kept
    "东北人不怎么样，你比较恶新",  # 恶心: 新 is frequent alone, but 恶新 is no word
    "看不起就直说，我就是看不器黑人",  # a slot word written once and respelled once
]

# ordinary replies whose words sound like a lexicon word
CLEAN = [
    "我考不上那个学校",  # 我靠
    "这四句歌词押的真好",  # 妈的: 的 kept is a function word, it points at nothing
    "超级赞同你呀",  # 你丫
    "身高跟答主一样，穿M码",  # 猪一样: 主 alone is a frequent word
    "她妈妈下午来取件",  # 他妈
    "懒人沙发明天发货",  # 烂人
    "福建人都爱喝茶，这款茶叶很受欢迎",  # 贱人
    "素质教育系列图书正在打折",
    "费了你不少时间，真不好意思",  # 废了你 (a threat: its phrases stay exact)
    "首先向您致歉哈",
    "我们不讨厌任何人，欢迎您常来",
]


def test_cloaked_words_are_caught() -> None:
    engine = shipped_engine()
    missed = [text for text in CLOAKED if engine.check(text).verdict != "block"]
    assert missed == []


def test_everyday_sound_alikes_stay_clean() -> None:
    engine = shipped_engine()
    flagged = {text: engine.check(text).verdict for text in CLEAN}
    assert {text: verdict for text, verdict in flagged.items() if verdict != "ok"} == {}


def _half_respelled_terms() -> list[tuple[str, str]]:
    """(rule id, term) of the lexicon words without sound-alikes that are matched half-respelled
    (three characters or more, no repeated sound)."""
    rules = shipped_engine().rules
    return sorted(
        (rule.id, term)
        for rule in rules.book.rules
        if rule.label and not rule.near and not rule.said_of_self
        for term in rule.exact_terms
        if len(term) >= 3
        and all("\u4e00" <= ch <= "\u9fff" for ch in term)
        and len(set(term)) == len(term)
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_respelled_word_is_caught_unless_it_is_a_real_word(data: st.DataObject) -> None:
    """Property: a word the lexicon catches alone, with one character replaced by a common
    homophone, is still caught, unless the respelled characters are a dictionary word or the
    text was already clear as written (a longer word holds it)."""
    terms = _half_respelled_terms()
    rule_id, term = data.draw(st.sampled_from(terms))
    engine = shipped_engine()
    if not any(f.rule_id == rule_id for f in engine.check(term, one_per_span=False).findings):
        return  # the bare word is not caught alone (an exception holds it)
    table = homophones()
    places = [i for i, ch in enumerate(term) if ch in table]
    if not places:
        return
    place = data.draw(st.sampled_from(places))
    typed = term[:place] + data.draw(st.sampled_from(table[term[place]])) + term[place + 1 :]
    dictionary = shared_dictionary()
    words_inside = [
        typed[a:b]
        for a in range(len(typed))
        for b in range(a + 2, len(typed) + 1)
        if (a, b) != (0, len(typed)) and dictionary.count(typed[a:b]) >= 20
    ]
    if dictionary.count(typed) or words_inside:
        return  # ordinary text: the gate may refuse it
    found = {f.rule_id for f in engine.check(typed, one_per_span=False).findings}
    assert rule_id in found, (term, typed)
