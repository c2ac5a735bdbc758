"""Insults aimed at a person without a swear word (tenth wave): numbers called as names (250,
38), a person likened to a thing (你跟个木头一样), a virtue said to be lacking, a lesson to learn
first, schooling asked after, sarcastic praise of a feat gone wrong, humanity denied, a pose, an
oath inside 你说…什么, English and emoji names. Each attack comes from or is shaped like the
tune set tests/data/dev/lexicon/wave12 and is paired with the same words used innocently, which
must pass (the shipped rules, real engine, no scorer)."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes, rules_only

# (attack, the same words used innocently)
PAIRS = [
    ("你真是个250", "总价是250元，已经包邮了"),
    ("你就是个38", "您的鞋码是38码对吧，我们给您换一双"),
    ("你跟个木头一样，说什么都不懂", "亲，这款是实木的，木头纹理很自然"),
    ("你这人真是一点教养都没有", "您的订单一点问题都没有"),
    ("请您先学会做人再来买东西", "宝宝先学会走路再学跑步"),
    ("跟你说话就像对牛弹琴", "对牛弹琴是这幅画的名字"),
    ("您这理解能力，幼儿园毕业了吗", "您家孩子幼儿园毕业了吗，这套书适合一年级"),
    ("您可真是天才，说明书都能看反", "您真是天才，这都能修好"),
    ("已为您登记补发，请注意查收。真是没见过这么蠢的人", "没见过这么可爱的宝宝"),
    ("你这种人就不配上网购物", "这种人字拖很耐穿"),
    ("哇，您的智商真让人大开眼界", "您的智商测试卡已经随书寄出"),
    ("你这🧠是摆设吧", "您好，我们这款🧠解压玩具很好捏"),
    ("杠精请绕道，我们不伺候", "杠精度是这款杠铃的卖点"),
    ("你就是个行走的垃圾桶", "这款垃圾桶是脚踏式的，很方便"),
    ("你说他妈的什么呢", "您朋友说他妈急着用，我们今天就发"),
    ("你是人吗", "您是人工客服吗？我就是人工客服"),
    ("你装什么清高", "您装什么软件都可以"),
    ("您是不是眼瞎", "您的眼睛如果干涩可以试试这款眼药水"),
    ("你就是个💩", "这个颜色是屎黄色，您介意吗"),
    ("你的IQ是负数吧", "这款IQ拼图适合三岁以上"),
    # third batch (wave12c probes): pinyin syllables, polite contempt, shamelessness
    ("你真ben", "你好ben，您的快递到了"),
    ("尊敬的顾客，您的智商我们确实无法理解", "我们理解您的心情，马上处理"),
    ("亲，您这样的人，我们店真的高攀不起", "您是我们店的老顾客了"),
    ("亲，您是外星来的吗，地球上的规则不懂？", "您是从哪个城市来的，我们帮您选仓"),
    ("亲，感谢您用实际行动向我们展示了什么叫无知", "让我们明白了什么叫专业，谢谢您的建议"),
    ("亲，您这种人就适合去买地摊货", "您好，这款地摊风格的收纳篮很受欢迎"),
    ("亲，您的差评我们收到了，狗叫而已，不必在意", "小狗叫声很大的话可以试试这款止吠器"),
    ("亲，我们不跟没文化的人计较", "您好，我们不跟您计较运费了，直接包邮"),
    ("你多大了还这么幼稚", "您家宝宝多大了，这款适合三岁以上"),
    # 你怎么好意思说出口 (a bare reproach) is 服务态度 since the seventeenth wave:
    # tests/test_message_seventeenth_tone.py
    ("您说得都对，您最聪明", "您说得都对，我们马上改"),
    ("你的逻辑真是清奇", "您的订单逻辑我们查了，没问题"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_an_insult_without_a_swear_word_is_flagged_and_the_same_words_used_innocently_pass(
    attack: str, innocent: str
) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


def test_an_oath_after_a_report_of_the_buyers_people_is_still_their_words() -> None:
    # only the informal 你说 + an oath is the speaker's own oath; a report by the buyer's people
    # keeps the quoted-speech reading
    assert rules_only().check("买家说他妈的快递太慢了").verdict == "ok"
    assert rules_only().check("你说他妈的废话").verdict == "block"
