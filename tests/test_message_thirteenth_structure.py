"""Threats and harassment of the thirteenth wave (structure): polite menace and campaigns by
frame. A price the buyer is bound to pay (是要付出代价的), the coda of a warning given about a
review, after a deadline or after 丑话说在前头 (到时候别说我们没提醒过您), the buyer's whole
file held (您的一切我们都知道), exposure on any platform or group of the buyer's (快手, B站,
家族群) and the agent's side inside those groups, a beating to watch out for (小心被人打) and
property asked to hold (你家玻璃挺结实吧), another account or the whole shop in turn, the early
morning as a late hour. Each attack is paired with a reply that shares its words, which must not
block. The sentences were written for this test after the rules, in other words than the rules'
examples. Real engine over the shipped rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_attack_blocks_by_rule,
    assert_reply_not_blocked,
    rule_ids,
    shipped_engine,
)

# (attack, the rule that must read it, a reply with the same words)
PAIRS = [
    ("恶意差评早晚要付出代价的", "threat.forewarned", "便宜没好货，想要耐用就得多付出一点代价"),
    ("您这样做，代价会很大的哦", "threat.forewarned", "返厂维修的代价会很大，我们直接给您换新"),
    (
        "评价的事我说清楚了，到时候可别怪我们没事先提醒",
        "threat.forewarned",
        "活动截止前别说我们没提醒您哦，明天恢复原价",
    ),
    (
        "给你一晚上时间想想，到时候别怪我没打招呼",
        "threat.forewarned",
        "给您两天时间考虑要不要换货，有问题随时找我们",
    ),
    ("你的所有资料我都存着呢", "threat.dossier", "您的所有订单我们都存着记录，方便售后"),
    ("我们掌握着您的一切", "threat.dossier", "您的一切反馈我们都认真记下了"),
    ("信不信我把你挂到B站上", "threat.exposure", "您可以把开箱视频发到B站，截图给我们返现"),
    ("你们公司的群里有我们的人", "threat.exposure", "您小区群里有我们的团长，团购可以统一配送"),
    ("出门当心被人堵", "threat.violence", "晚高峰出门当心被堵在路上"),
    ("你们店的玻璃门够结实吗", "threat.violence", "您家的门挺结实的吧？我们的猫眼适配大多数门"),
    (
        "我们还有好几个账号，你拉黑了也找得到你",
        "harassment.new_number",
        "您可以用其他旺旺号联系我们",
    ),
    ("全店同事排着队给你打电话", "harassment.campaign", "我们所有客服轮流值班，随时有人回复您"),
    ("一大早六点准时给你打电话", "harassment.", "快递一大早六点就出发了，上午能到"),
    ("每天早晚各给你发一次消息，直到你删评", "harassment.", "我们每天早晚各发一次货"),
    ("请您好自为之", "threat.short", "请您好好考虑一下尺码"),
    ("差评挂着对你可没有好处", "threat.forewarned", "评价留着对我们也是鞭策，谢谢您"),
    (
        "你每天晚上去的那个健身房我们也常去",
        "threat.veiled",
        "您常去的那个超市我们也有专柜，可以去试用",
    ),
    (
        "我们让客服上午、下午、晚上轮流联系你",
        "harassment.",
        "我们上午、下午、晚上都有专人接待，您随时联系",
    ),
    (
        "你的号码我已经转给了所有同事，他们都会打给你",
        "harassment.",
        "您的号码已经转给了快递，他们明天会打给您",
    ),
]


@pytest.mark.parametrize(("attack", "rule", "reply"), PAIRS)
def test_the_attack_blocks_by_its_frame(attack: str, rule: str, reply: str) -> None:
    assert_attack_blocks_by_rule(attack, rule)


@pytest.mark.parametrize(("attack", "rule", "reply"), PAIRS)
def test_the_same_words_in_a_reply_do_not_block(attack: str, rule: str, reply: str) -> None:
    assert_reply_not_blocked(reply)


def test_a_review_quoted_as_where_the_buyer_wrote_is_no_campaign() -> None:
    quoted = "您在评价里说我们天天打电话骚扰您，这个我们去核实了，非常抱歉"
    assert shipped_engine().check(quoted).verdict != "block", rule_ids(quoted)
    assert shipped_engine().check("差评不删，我们就天天打电话给你").verdict == "block"


def test_the_buyer_posting_is_no_exposure() -> None:
    assert (
        shipped_engine().check("您可以把买家秀发到朋友圈，截图给我们返五元红包").verdict != "block"
    )
    assert shipped_engine().check("我们会把您的买家秀和收货信息发到快手上").verdict == "block"


def test_training_never_reads_the_thirteenth_waves_held_out_set() -> None:
    held = DEV / "structure" / "wave15b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
