"""Thirteenth wave, COLD precision: words that name a crime, a group or a word talked about pass
where the same words aimed at the buyer still block, on the shipped rules without the scorer.
Every sentence is the project's own, set in a shop's chat where one fits (COLD train only showed
which families of safe comment were flagged)."""

from __future__ import annotations

import pytest

from tests.message_support import assert_held_as_expected, held_cases

NOT_BLOCKED = [
    # the crime named in the words of law or news (判强奸, 强奸罪, 婚内强奸)
    ("这本刑法案例书第三章讲的是强奸罪的认定", "a law book's contents"),
    ("这本普法绘本讲古代怎么判强奸，适合家长给孩子讲", "a picture book described"),
    ("纪录片里那个强奸案后来判了十年，光盘今天发货", "a documentary's case"),
    ("史书里写了乱兵强奸妇女的事，这套书今天发货", "a history book's contents"),
    # the reader reproached for despising a group: the shop defends it, no contempt of its own
    ("您也太瞧不起农村人了，我们村的快递点一样能收", "the reader reproached, the group defended"),
    ("你们是不是看不起外地人，我们这边一样发顺丰", "the reader asked, the group defended"),
]

CAUGHT = [
    # the same word aimed at the reader, or wished on them
    ("再啰嗦我就强奸你", "a threat at the reader"),
    ("你这种人活该被强奸", "a wish at the reader: 被强奸 is no crime frame"),
    ("我找人强奸你老婆", "a threat at the reader's family"),
    ("你妈被强奸了才生的你", "an insult in the same words as a news line"),
    # the speaker's own contempt for the group, in the same words
    ("我也太瞧不起农村人了，什么都不懂", "the speaker's own contempt"),
    ("说实话我就是看不起外地人", "the speaker's own stance"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_cold_family_held_as_expected(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)
