"""Eighteenth wave, cold18: recall on real group-directed attacks (COLD train read for families of
wording, no sentence copied). The speaker's plain dislike of a people (我就是不喜欢黑人) and no good
feeling for a group (对上海人没好感); a place said to be full of wrongdoers (新疆多小偷); a group
said to be all the same, then a vice (恶心，男人都这样); cruelty said of a group (女人真是心狠);
disgust at a group or its speech; a group's crime said to be high; a people told it is unwelcome,
to keep away, or to be sent back; a people's looks sneered at; the reader's home place called
backward (你们上海真落后); and 是什么 no longer reads 是不是什么都… as a question about a jibe.
Each attack is paired with a reply in the same words: a taste in goods, a denial, a supposition,
a warning about scams, a symptom, plain delivery talk. On the shipped rules without the scorer.
"""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import assert_insult_blocked_and_innocent_passes, fires, rules_only

# (attack, a reply in the same words)
PAIRS = [
    # the speaker's dislike of a people; the buyer's or a child's taste, or a denial
    ("我就是不喜欢黑人", "您不喜欢黑色的话可以换白色"),
    ("我真的不喜欢外地人，别来烦我", "宝宝不喜欢外地人做的菜吗？我们这款是本地配方"),
    ("说实话我们不喜欢你们河南人", "我们不是不喜欢河南人，只是仓库暂时不发河南"),
    ("对上海人没好感，爱买不买", "对上海人的订单我们一视同仁，今天就发"),
    # a place full of wrongdoers; a warning about scams, or scams said to be everywhere
    ("新疆多小偷，你先付全款", "新疆多雪，发货会慢两天"),
    ("上海小偷是多，难怪你这样", "近期冒充客服的骗子多，请注意"),
    ("河南人，骗子到处都是", "骗子哪里都有，跟是哪里人没关系"),
    # all the same then a vice, cruelty
    ("恶心，男人都这样", "男女都一样，按身高选码"),
    ("女人真是心狠，退个货还要差评", "女人真是爱美，这款卖得最好"),
    ("这种男人实在可恶", "实在抱歉，这款男人穿也好看"),
    ("男的都自私，你也一样", "男的都可以穿，是中性款"),
    # disgust at a group or its speech; the body's nausea
    ("河北人一样恶心", "孕妇闻到这个味道会恶心吗"),
    ("听东北话就恶心", "听东北话很亲切，我们主播就是东北的"),
    # crime said high
    ("黑人在美国的犯罪率一直奇高", "黑人牙膏在美国也有卖"),
    # unwelcome, keep away, sent back
    ("这里不欢迎黑人", "外地人欢迎来店里自提"),
    ("老外离中国远点", "老外离中国远一点的，国际运费会高一些"),
    ("黑人别来中国买东西", "黑人牙膏别放在高温的地方"),
    ("黑人都要送回非洲", "非洲的订单都要走国际快递"),
    # looks sneered at; a garment's look, or a view once held
    ("黑人都不好看，别买了", "这款女生穿都不好看吗？您可以看看买家秀"),
    # deserving scorn
    ("黑人本来就该被歧视", "任何人都不该被歧视，我们一视同仁"),
    # the reader's home place called backward; a place's goods
    ("你们上海真落后", "你们上海的仓库发货真快"),
    # 是不是什么都… is the jibe, not a question about it
    ("你们广东人是不是什么都吃", "河南人偷井盖是什么梗？这是地域黑，我们不认同"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_attack_is_blocked_and_innocent_reply_passes(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


def test_the_new_families_are_the_group_rule() -> None:
    engine = rules_only()
    for attack in ("我就是不喜欢黑人", "新疆多小偷", "这里不欢迎黑人", "黑人都要送回非洲"):
        assert fires(engine, attack, "insult.group_trait"), attack


def test_a_view_once_held_about_looks_is_not_the_stance() -> None:
    engine = rules_only()
    assert engine.check("以前觉得黑人不好看，后来发现很多都很帅").verdict == "ok"
    assert engine.check("老外就是长得丑").verdict == "block"


def test_the_held_out_set_is_never_trained_on() -> None:
    held = DEV / "lexicon" / "wave23b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
    assert (held / "drafts.tsv").is_file()
    assert (held / "normal_replies.txt").is_file()
