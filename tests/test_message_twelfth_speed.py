"""Twelfth wave, check path: the slot matcher's new shortcuts find what reading every pattern
over every view finds.

- A slot pattern that names a pattern slot (nth, scorned_initials, initials_end) is a
  candidate only when a word of each of its required word tokens is in the view (before, it
  was read by RE2 on every view).
- In the respelled view (a slot word typed in a sound-alike spelling, dizhi for 地址), a
  walked pattern that found no match in the view as typed is walked only from the places
  that can reach a word the respelling wrote (``Walk.spans`` with ``near``).

The reference is the slot matcher built with ``prefilter=False``: every pattern read by RE2
over the whole of both views.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.checks.message import slot_walk
from helper.checks.message.structure import SlotMatcher
from tests.message_support import shipped_engine
from tests.test_slots_prefilter import _slot_words, same_matches, shipped_matchers

# sound-alike spellings of slot words (letters, homophones) and strings the pattern slots
# match, among everyday pieces of a seller's reply
RESPELT = ["dizhi", "xiaoqu", "dianhua", "shoujihao", "暴光", "电化", "住那", "地止", "手鸡号"]
PATTERN_SLOTS = ["第五次", "第10遍", "第二十个电话", "npc", "nt", "玩意", "买家", "。"]
EVERYDAY = ["，", "。", "！", " ", "的", "了", "亲", "好", "3"]


def test_pattern_slot_patterns_are_anchored_by_their_words() -> None:
    matcher = shipped_matchers()[0]
    with_slot = [i for i, walk in enumerate(matcher._walks) if walk is None]
    assert with_slot  # the shipped rules name pattern slots (nth, scorned_initials, ...)
    assert all(matcher._needs[i] for i in with_slot)  # each has a word token to look for
    assert not matcher._unanchored


def test_pattern_slot_patterns_still_match() -> None:
    drafts = [
        "你已经第五次打电话来了，我天天打给你",
        "我第10遍跟你说了，我会一直打你电话",
        "你这个npc买家，真是个nt玩意",
        "亲，这是第二次发货了，请查收",
    ]
    assert sum(same_matches(text) for text in drafts) >= 1
    for text in drafts:
        same_matches(text)


def _walked_near() -> tuple[list[int], object]:
    """Count the walks ``near`` cut short (how many starts they left out), and the original."""
    cut: list[int] = []
    original = slot_walk.Walk._near

    def counting(self: slot_walk.Walk, starts, near):  # type: ignore[no-untyped-def]
        kept = original(self, starts, near)
        cut.append(len(starts) - len(kept))
        return kept

    slot_walk.Walk._near = counting  # type: ignore[method-assign]
    return cut, original


def test_respelled_view_walks_near_what_was_written() -> None:
    filler = "亲，您的包裹已经发出了，请注意查收，有问题随时联系我们的客服。"
    drafts = [
        filler + "我知道你家dizhi，" + filler + "你再给差评试试，我天天给你打dianhua",
        filler * 2 + "你的xiaoqu我去过，" + filler + "信不信我把你暴光",
        "你住那个xiaoqu我知道，" + filler * 3 + "你等着",
    ]
    cut, original = _walked_near()
    try:
        for text in drafts:
            same_matches(text)
    finally:
        slot_walk.Walk._near = original  # type: ignore[method-assign]
    assert cut and sum(cut) > 0  # the respelled views were walked near their written words


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_slot_words()),
            st.sampled_from(RESPELT + PATTERN_SLOTS + EVERYDAY),
            st.text(alphabet="你您我他在会给找家差评投诉地址电话号码好吗天", max_size=6),
        ),
        min_size=1,
        max_size=120,
    )
)
def test_shortcuts_change_no_match_on_generated_drafts(parts: list[str]) -> None:
    same_matches("".join(parts))


def test_a_reused_plain_view_walks_the_respelled_view_everywhere() -> None:
    # may_match read only the patterns it needed in the view as typed: find must not take
    # the others for clean (it walks the respelled view whole then)
    rules = shipped_engine().rules
    matcher = next(m for m in rules.matchers if isinstance(m, SlotMatcher))
    text = "你知道吗，我有你家dizhi，差评删了吧，不然天天给你打电话"
    views = rules.normaliser.views(text)
    normalised = rules.normaliser.normalise(text, views)
    matcher.may_match(views, lambda rule: False)
    found = sorted((m.rule.id, m.start, m.end) for m in matcher.find(normalised))
    reference = shipped_matchers(prefilter=False)[1]
    assert found == sorted((m.rule.id, m.start, m.end) for m in reference.find(normalised))
