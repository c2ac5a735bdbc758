"""Attacks on a group by structure (seventh wave, rules/message/groups.toml, insult.group_trait):
a group (a listed group, or a place + the word that makes it its people), a generaliser and a
trait; a group likened to a beast; what a group is said to deserve; the origin blamed for a
trait; the buyer put down through their group. Each shape is paired with the same group named
neutrally, or the same claim denied, condemned or reported, which must pass."""

from __future__ import annotations

import pytest

from tests.message_support import rule_ids, rules_only

# (attack, the same group or claim used innocently)
PAIRS = [
    # a place and its people, a generaliser, a trait: no place-people word is listed
    ("你们驻马店人全都是骗子", "驻马店的朋友请放心，今天就发货"),
    ("厦门的人一个个都是奸商", "厦门的仓库都是当天发货"),
    ("潮汕来的全是搞传销的", "潮汕来的牛肉丸都是真空包装"),
    ("东北的都是黑社会吧", "东北的冬天快递会慢两天"),
    ("苗族人天生就野蛮", "苗族的银饰做工很精细"),
    # a listed group (flock) and a trait
    ("农村妇女就是没见过世面", "农村妇女创业的故事很感人"),
    ("基督徒个个都是伪君子", "教堂旁边的自提点基督徒也常去"),
    # likened to a beast, or a herd of one
    ("印度人跟猩猩没两样", "印度的咖喱我们也有卖"),
    ("女拳就是一群蛆", "女权运动的历史可以看这本书"),
    # what the group deserves
    ("外地佬都该滚回去", "外地的客户也都可以退换"),
    ("黑人和狗不得入内", "黑人牙膏和狗粮都在这个链接"),
    # the origin blamed for a trait or for what the buyer did
    ("一看就是安徽的，抠门到家了", "一看就是安徽的地址，我们安排皖仓发"),
    ("原来是河南的，难怪要仅退款", "原来是河南的，难怪发货这么快"),
    # the buyer put down through their group
    ("你一个乡下人懂什么面料", "你一个人用的话选小号就够"),
    ("你一个娘们还敢跟我讲价", "给妈妈买的话推荐这款"),
    ("瞎子才会买错尺码", "盲人朋友可以用语音下单"),
]

# the claim denied, condemned, quoted as a prejudice or reported as punished
NOT_SAID = [
    "不是所有温州人都是奸商",
    "说东北人都是黑社会是地域黑",
    "把印度人说成跟猩猩一样是种族歧视",
    "他因为说“黑人都是罪犯”被封号了",
    "在外面要争气，不能给咱山东人丢脸",
    "亚洲人可以这样蹲，欧洲人不行",
]


def findings_of(text: str) -> set[str]:
    return rule_ids(text)


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_an_attack_on_a_group_blocks_and_the_group_named_passes(attack: str, innocent: str) -> None:
    result = rules_only().check(attack)
    assert result.verdict == "block", findings_of(attack)
    assert "insult" in {finding.scene for finding in result.findings}
    assert rules_only().check(innocent).verdict == "ok", findings_of(innocent)


@pytest.mark.parametrize("text", NOT_SAID)
def test_a_claim_denied_condemned_or_reported_passes(text: str) -> None:
    assert rules_only().check(text).verdict == "ok", findings_of(text)


def test_the_new_shapes_are_the_group_rule_s_own() -> None:
    # none of these has a slur or a listed place-people word: only the structure catches them
    for text in ("你们驻马店人全都是骗子", "印度人跟猩猩没两样", "原来是河南的，难怪要仅退款"):
        assert "insult.group_trait" in findings_of(text)


def test_traditional_script_is_read_by_the_same_structure() -> None:
    assert "insult.group_trait" in findings_of("你們駐馬店人全都是騙子")
    assert rules_only().check("駐馬店的朋友請放心，今天就發貨").verdict == "ok"


def test_trait_words_are_matched_as_written_not_by_sound() -> None:
    # the trait and group classes are not in [slot_sounds]: a word that only sounds like one
    # (迁走 / 欠揍, 出省 / 畜生) is no trait, and no other rule reads it as one either
    assert rules_only().check("后来球队就迁走了，河北的年轻人全考出省了").verdict == "ok"
