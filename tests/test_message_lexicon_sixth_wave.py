"""The lexicon's sixth wave: a word talked about is not a word said (contexts `named_word` and
`condemned` in rules/message/normalise.toml, read by every insult lexicon), goods and dishes
named by a word (`goods_name`), a fan's word that needs a person, and the new aimed rhetorical
contempt, group and disability frames. Each is paired with the same words aimed at the buyer,
which must still be caught."""

from __future__ import annotations

import pytest

from tests.message_support import rule_ids, shipped_engine

# the same insult word, talked about (passes) and said to the buyer (caught)
TALKED_ABOUT = [
    ("娘娘腔这种称呼不尊重人，我们客服不会这样说话", "你就是个娘娘腔"),
    ("厚颜无耻这个成语的解释在成语词典第二百页", "你真是厚颜无耻"),
    ("瘪三这种话我们是不会说的，您放心", "你这个瘪三"),
    ("舔狗这个说法不文明，已经提醒同事注意用语", "你个舔狗"),
    ("说别人穷酸是不对的，我们已经道歉了", "你真穷酸"),
    ("骂人没家教是不礼貌的，请您消消气", "没家教的东西"),
]

# a product, a show or a dish named by the word, and the word aimed at the buyer
GOODS = [
    ("Loser这款T恤是潮牌联名", "你个loser"),
    ("戏精学院那档综艺的同款衣服在这里", "你戏精附体了吧"),
    ("猪脑子炖汤要先焯水", "你个猪脑子"),
]

# aimed at the buyer by their frame (sixth-wave entries), with an innocent use of the words
AIMED = [
    ("你以为你是谁啊", "请问您是哪位？方便提供订单号吗"),
    ("你多大脸啊，还要包邮", "您的脸型适合圆框眼镜"),
    ("你也不照照镜子看看自己什么样", "您照照镜子就知道这款多显瘦"),
    ("你就是个脑残粉", "我是周杰伦的脑残粉"),
    ("山沟沟里出来的就是不懂规矩", "这款是山里的特产，山沟沟里采的野生菌"),
    ("你们农村人买东西就爱讨价还价", "我们在农村也有代收点，乡下的地址也能送"),
    ("你是瘸子吗，连快递都取不了", "椅子腿瘸了的话我们包换"),
]


def caught(text: str) -> bool:
    return shipped_engine().check(text).verdict != "ok"


@pytest.mark.parametrize(("talked", "said"), TALKED_ABOUT)
def test_a_word_talked_about_passes_and_said_is_caught(talked: str, said: str) -> None:
    assert not caught(talked), rule_ids(talked)
    assert caught(said)


@pytest.mark.parametrize(("goods", "said"), GOODS)
def test_goods_named_by_a_word_pass_and_the_word_aimed_is_caught(goods: str, said: str) -> None:
    assert not caught(goods), rule_ids(goods)
    assert caught(said)


@pytest.mark.parametrize(("aimed", "innocent"), AIMED)
def test_aimed_frames_are_caught_and_their_words_alone_pass(aimed: str, innocent: str) -> None:
    assert caught(aimed)
    assert not caught(innocent), rule_ids(innocent)


def test_the_condemnation_must_touch_the_word() -> None:
    """不对的 clears only the word it runs straight into: one character between (a comma) and the
    insult stands, where a context within the lexicon's reach would have cleared it."""
    assert caught("你真穷酸，不对的话你反驳啊")
