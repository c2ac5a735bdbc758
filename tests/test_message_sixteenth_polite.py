"""Sixteenth wave (second round), polite branch: insults in the polite register and sarcasm
(阴阳怪气). Contempt wrapped in 亲/您/呢/哦 and service phrases is blocked: an ironic
blessing that singles out the head (祝您全家身体健康，尤其是脑子), the wits beyond a top-up
(智商我们没法帮您充值), a mock title with a particle (您可真是个人才呢), the buyer's kin
pitied (做您的家人一定很辛苦吧), compulsory schooling said to have failed them, cleverness
that mocks (这么聪明怎么不去上天; 脑子不捐给医学界可惜了; 连这都不会), a pill asked after
with 亲 or in full words (亲今天的药吃了吗; 忘记吃药). The same words used sincerely pass:
blessings, phone-credit top-up, real praise with its reason, pills for a pet or a parent,
人才市场, 九年老店. On the shipped rules without the scorer unless said otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpora import read_replies
from tests.message_support import (
    assert_insult_blocked_and_innocent_passes,
    fires,
    rules_only,
    shipped_engine,
)

DEV = Path(__file__).parent / "data" / "dev" / "lexicon"

# (attack, a reply in the same words)
PAIRS = [
    ("祝你们全家身体健康，特别是脑子", "祝你们全家身体健康，特别是宝宝"),
    ("祝您身体健康，顺便脑袋也健康一点", "祝您身体健康，顺便给您备注了小礼物"),
    ("亲，智商这块我们真的没办法给您充值哦", "亲，话费这块我们没办法给您充值哦，请联系运营商"),
    ("您可真是个天才呀", "您可真是个天才，这个搭配想得真周到，谢谢"),
    ("亲真是个小机灵鬼呢", "亲，小机灵鬼系列玩具已经补货了"),
    ("当您的老公真是辛苦啊", "当您的老公真幸福，礼物这么用心"),
    ("您老婆跟您一起生活一定很受罪吧", "您老婆跟您一起生活很幸福吧，情侣款很配"),
    ("您儿子以后肯定像您，真替他捏把汗", "您儿子以后肯定像您一样高，建议买大一码"),
    ("九年义务教育白上了吧您", "九年义务教育阶段的教辅资料都在这个链接"),
    ("您这么能干怎么不去上天啊", "您这么能干，家里收拾得真整齐"),
    ("您这脑子不拿去捐真是浪费了", "您这台旧电脑不拿去回收真是浪费了"),
    ("您这逻辑真是令人佩服", "您这份坚持真是令人佩服"),
    ("亲的理解能力真让人大开眼界", "亲的眼光真让人佩服，这款是爆款"),
    ("您真是太聪明了，连个包裹都找不到", "您真是太聪明了，一下就找到了优惠券"),
    ("您这样的人才不去马戏团真是屈才", "您家宝宝不去马戏团看表演真是可惜，小丑很好玩"),
    ("亲今天的药吃了吗，怎么又来了", "亲，狗狗今天的药吃了吗？驱虫药要按时喂哦"),
    ("您是不是忘记吃药了呀", "您母亲是不是忘记吃药了呀，血压药要按时吃哦"),
    ("建议您去申请个吉尼斯，这都能搞错", "这款获得了吉尼斯世界纪录认证"),
    ("您可真是个天才，充电器都能插反", "您可真是个天才，这个搭配我们都要学"),
    # second batch: the head brought, washed or wished back; the kin who endure; schooling redone
    ("建议您下次带上脑子再来问", "建议您下次带上订单号再来问"),
    ("亲，回去好好洗洗脑子吧", "亲，回去好好洗洗宝宝的脑袋，奶痂就掉了"),
    ("祝你的脑子早日上线哦", "祝你的包裹早日到达哦"),
    ("您老公是怎么忍您这么多年的", "您老公是怎么保养这么多年的，皮肤真好"),
    ("真同情你的对象呢", "你的对象一定会喜欢这份礼物呢"),
    ("建议您把拼音重新学一遍再来打字", "建议您让孩子把拼音重新学一遍，这套卡片很好用"),
    ("您的智商真是举世无双呢", "这款玉镯的成色真是举世无双呢"),
    ("你这文化水平，你的语文老师一定很欣慰吧", "你的语文老师一定很欣慰吧，孩子作文进步了"),
    ("同情您的家人哦", "同情您家人的遭遇，我们会尽快处理"),
    # Traditional script
    ("祝您全家身體健康，尤其是腦子", "祝您全家身體健康，萬事如意"),
    ("當您的老公一定很辛苦吧", "當您的老公一定很幸福吧"),
    ("您可真是個人才呢", "人才市場那邊有我們的門店"),
    ("智商這個我們沒法幫您充值哦", "話費這個我們沒法幫您充值哦"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_polite_sneer_blocked_and_sincere_reply_passes(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(
    "attack",
    [
        "祝您全家身体健康，尤其是脑子哦",
        "不好意思呢亲，智商这个东西我们没法帮您充值哈",
        "您可真是個人才呢",
        "做您的家人一定很辛苦吧",
        "亲，九年义务教育没把您教明白吗",
        "您的脑子真是个好东西，可惜您没有呢",
        "哇，您可太厉害了呢，连这都不会",
    ],
)
def test_the_irony_rule_reports_them(attack: str) -> None:
    """The new rule itself matches (not only some other rule by chance)."""
    assert fires(rules_only(), attack, "insult.irony"), attack


@pytest.mark.parametrize(
    "reply",
    [
        "祝宝宝健康成长，尤其是脑子越来越灵光",
        "您真是个天才，这个办法太好了，谢谢您",
        "您可真是个天才，这个我们都不会",
        "您真厉害，连我们都不会的操作都学会了",
        "您这样的宝宝不去动物园玩真是可惜了",
        "母亲的智商测试题已经发货",
        "九年义务教育白上的说法不对，我们的教辅很实用",
    ],
)
def test_the_irony_rule_leaves_sincere_words(reply: str) -> None:
    """Each pattern needs the buyer and a word of irony: a child blessed, praise with its reason,
    the shop's own failing, a child's outing, another's mind, no buyer named."""
    assert not fires(rules_only(), reply, "insult.irony"), reply


def test_a_pill_for_a_parent_is_no_jibe() -> None:
    """The pill asked after now takes 亲 too; kin the pill is for make it a real reminder."""
    engine = rules_only()
    assert engine.check("亲今天的药吃了吗，又开始胡说了").verdict == "block"
    assert engine.check("您爸爸今天的药吃了吗").verdict == "ok"  # blocked before this branch


def test_tune_set_replies_pass_and_drafts_are_held() -> None:
    """wave21 (tuned on): every reply passes on the shipped engine, and all drafts but the one
    left alone (有病要早点治, 药吃完了记得续上, 出门忘记带药: a pharmacy says them sincerely too;
    清新脱俗 is praise of an outfit as often) are blocked."""
    engine = shipped_engine()
    folder = DEV / "wave21"
    replies = [reply.text for reply in read_replies(folder / "normal_replies.txt")]
    assert len(replies) >= 40
    assert [text for text in replies if engine.check(text).verdict != "ok"] == []
    rows = [
        line.split("\t")
        for line in (folder / "drafts.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    missed = [text for _, _, text in rows if engine.check(text).verdict != "block"]
    assert missed == [
        "亲亲，有病要早点治哦，别耽误了",
        "您的药是不是吃完了呀亲，记得续上哦",
        "亲，今天出门是不是忘记带药了",
        "您这操作真是清新脱俗，一般人想不出来",
    ]
