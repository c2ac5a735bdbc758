"""Tenth wave, check path: the shortcuts give the answers of the slow path.

- ``SlotMatcher.find`` leaves out, in a long view, the patterns of a rule the learned model
  will not confirm (as ``may_match`` does), also when ``may_match`` could not choose them
  (a slot word typed in a sound-alike spelling: both views are read in ``find``). The
  engine drops such a rule's matches anyway: what it keeps must be the same, here on
  generated drafts (on the corpora: tests/test_slots_prefilter.py).
- ``learned.neutral`` folds the listener's pronoun with ``str.replace``: the same text as
  the translate table it replaces.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.checks.message.learned import neutral
from tests.test_slots_prefilter import _slot_words, confirmed


def kept_matches(text: str, *, skipping: bool) -> tuple[list[tuple[str, int, int]], int]:
    """The slot matches the engine keeps, with ``find`` skipping the unconfirmed rules or
    not (``may_match`` skips them as the engine has it); and how many matches of unconfirmed
    rules ``find`` still gave."""
    return confirmed(text, skipping=True, find_skips=skipping)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_slot_words()),
            st.sampled_from(["，", "。", "！", " ", "的", "了", "dizhi", "xiaoqu", "nin"]),
            st.text(alphabet="你您我他在会给找家差评投诉地址电话号码好吗", max_size=6),
        ),
        max_size=80,
    )
)
def test_find_skipping_equals_the_slow_path_on_generated_drafts(parts: list[str]) -> None:
    text = "".join(parts)
    assert kept_matches(text, skipping=True)[0] == kept_matches(text, skipping=False)[0]


@given(st.text(alphabet=st.sampled_from("你妳您好a, \U0001f600我")))
def test_neutral_equals_the_translate_table(text: str) -> None:
    assert neutral(text) == text.translate(str.maketrans({"你": "您", "妳": "您"}))
