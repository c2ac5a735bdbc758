"""The speed branch of the nineteenth wave: the learned gate scores a long message's parts
(``clause_windows``) from one reading of the whole message (``LearnedModel.parts``) instead of
folding and cutting every part into n-grams anew. The claim is exactness: the same float as
``model.score(part)``, so no verdict moves. Shipped model and real engine; no timing asserted."""

from __future__ import annotations

import zlib
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from helper.checks.message import engine as engine_module
from helper.checks.message import structure
from helper.checks.message.engine import clause_windows
from helper.checks.message.learned import LearnedModel, PartScores, neutral
from helper.checks.message.rules import Rule
from helper.checks.message.scorer import grams
from tests.message_support import rule_ids, shipped_engine


def _model() -> LearnedModel:
    model = shipped_engine().rules.book.model
    assert model is not None
    return model


# pieces a long customer-service message is made of, and the characters that test the folding:
# Traditional words (OpenCC reads 乾隆 and 頭髮 as phrases, 乾 alone becomes 干), full-width
# and upper-case letters, the listener's pronouns, white space of several kinds, clause ends in
# both widths, ß (casefold makes two letters of it: no position maps)
_PIECES = [
    "亲，您的快递明天到",
    "不过投诉之前想想你住的那个小区",
    "晚上路灯可不太亮",
    "妳再鬧試試看",
    "乾隆",
    "頭髮",
    "乾",
    "著名",
    "ＡＢＣ",
    "VIP",
    "ß",
    "你",
    "您",
    " ",
    "\u3000",
    "\n",
    "\t",
    "，",
    ",",
    "。",
    "！",
    "?",
    "；",
    "、",
    "…",
    "～",
    "~",
    "退款已经处理",
    "我们知道你家在哪",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=60).map("".join)


def _every_gram_weighed(texts: list[str]) -> LearnedModel:
    """A model that gives every n-gram of ``texts`` (read alone, as ``score`` reads them) its
    own weight: a part folded differently from its text alone (干 for 乾) changes the sum."""
    seen = {gram for text in texts for gram in grams(neutral(text), 3)}
    return LearnedModel({gram: zlib.crc32(gram.encode()) / 2**30 - 2 for gram in seen}, -0.5, 3)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, size=st.integers(min_value=1, max_value=60), data=st.data())
def test_a_part_scores_the_same_float_as_its_text_alone(text: str, size: int, data) -> None:
    # any windows too: one not cut at a clause break is scored the slow way
    edges = st.integers(min_value=0, max_value=len(text))
    drawn = [sorted(data.draw(st.tuples(edges, edges))) for _ in range(4)]
    windows = [*clause_windows(text, size), *drawn, (0, len(text))]
    for model in (_model(), _every_gram_weighed([text] + [text[s:e] for s, e in windows])):
        parts = model.parts(text)
        for start, end in windows:
            assert parts.score(start, end) == model.score(text[start:end]), (start, end)


def test_the_clause_windows_of_an_ordinary_long_message_take_the_fast_path() -> None:
    text = "亲，运费我们已经承担了，退款也在走流程，您耐心等两天。" * 6 + "不过投诉之前想想你住哪"
    parts = _model().parts(text)
    windows = clause_windows(text)
    assert windows and all(parts.covers(start, end) for start, end in windows)
    # a part cut inside a clause could fold differently alone (a Traditional phrase cut in
    # two), and a message where casefold adds letters maps no position: both the slow way
    assert not parts.covers(1, 8)
    assert not _model().parts("Straße，" + text).covers(0, 9)


def test_white_space_and_traditional_phrases_across_parts_give_the_same_scores() -> None:
    model = _model()
    text = "乾隆年間的頭髮 ，乾，\u3000妳住哪裡我們都知道 ,\n自己掂量掂量，乾淨點！" * 3
    parts = model.parts(text)
    windows = clause_windows(text, 12)
    assert windows and all(parts.covers(start, end) for start, end in windows)
    for start, end in windows:
        assert parts.score(start, end) == model.score(text[start:end])


def test_a_part_of_a_long_message_still_rescues_a_diluted_menace(monkeypatch) -> None:
    """Through the real engine: the whole message scores below threat.overall's bar; the
    menace's clauses, scored from the one reading, reach it."""
    draft = (
        "亲，运费我们已经承担了，退款也在走流程，您耐心等两天，"
        "不过投诉之前想想你住的那个小区，晚上路灯可不太亮"
    )
    reply = (
        "亲，运费我们已经承担了，退款也在走流程，您耐心等两天，"
        "您住的那个小区晚上路灯不太亮，取件时注意安全"
    )
    model = _model()
    assert model.score(draft) < 0.82
    asked: list[tuple[int, int, bool]] = []
    score = PartScores.score

    def spy(self: PartScores, start: int, end: int) -> float:
        asked.append((start, end, self.covers(start, end)))
        return score(self, start, end)

    monkeypatch.setattr(PartScores, "score", spy)
    assert shipped_engine().check(draft).verdict == "block", rule_ids(draft)
    assert "threat.overall" in rule_ids(draft)
    rescuing = [(s, e) for s, e, fast in asked if fast and model.score(draft[s:e]) >= 0.82]
    assert rescuing, asked
    assert shipped_engine().check(reply).verdict == "ok", rule_ids(reply)
    # and the parts are what rescues it: without them the gate sets the menace aside
    monkeypatch.setattr(engine_module, "clause_windows", lambda text, size=40: [])
    assert shipped_engine().check(draft).verdict == "ok"


def test_the_slot_matcher_asks_the_gate_once_per_rule_and_keeps_the_same_patterns() -> None:
    """A rule's patterns are candidates together: the gate is asked once per rule, and the
    patterns kept are those of asking it for every pattern."""
    engine = shipped_engine()
    (matcher,) = engine.rules.matchers
    # long enough (structure._SKIP_FROM) for the gate to be asked before the patterns are read
    text = (
        "亲，运费我们已经承担了，退款也在走流程，您耐心等两天，换货单也给您登记好了，"
        "不过投诉之前想想你住的那个小区，晚上路灯可不太亮，你家孩子几点放学我们也清楚"
    )
    assert len(text) >= structure._SKIP_FROM
    seen = matcher._seen(matcher._alphabet.text(engine.rules.normaliser.normalise(text).view))
    candidates = matcher._candidates(seen)
    rules = [matcher._sources[index][0] for index in candidates]
    gated = Counter(rule.id for rule in rules if rule.learned_at_least is not None)
    assert gated and max(gated.values()) > 1  # some rule has several candidate patterns
    set_aside = gated.most_common(1)[0][0]
    asked: Counter[str] = Counter()

    def unconfirmed(rule: Rule) -> bool:
        asked[rule.id] += 1
        return rule.id == set_aside

    kept = matcher._confirmed(candidates, seen, unconfirmed)
    assert asked == Counter(set(gated))
    pairs = zip(candidates, rules, strict=True)
    assert kept == [index for index, rule in pairs if rule.id != set_aside]
