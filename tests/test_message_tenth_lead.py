"""Tenth wave, lead: shapes from the lead's own probe drafts (written before any rule was read
for them), each blocked where it is aimed at the buyer and passing in the same words used
innocently, on the shipped rules without the scorer."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes


@pytest.mark.parametrize(
    ("attack", "innocent"),
    [
        # sent off elsewhere, the clause opening on it; a thing rolling somewhere is no insult
        ("滚去别家买，别来烦我", "球掉地上了，滚去床底下就找不到了"),
        ("滚去投诉吧，随便你", "这个滚轮可以拆下来清洗"),
        # schooling asked of the listener outright; a child's schooling asked about is a question
        ("问这么多遍还不懂，你上过学吗", "您家孩子上过学吗？这套练习册适合零基础"),
        ("您到底读过书没有", "您读过这本书吗？第二册也有货"),
    ],
)
def test_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)
