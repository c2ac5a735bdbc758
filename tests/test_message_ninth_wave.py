"""Threats and campaigns of the ninth wave: threats said politely or as concern (rule
threat.polite; classes quarrel, trouble, exhibit, deeds, patience in rules/message/slots.toml),
ill wishes said as good ones (threat.veiled, read with the learned model), campaigns announced
as service (rule harassment.announced; class persuade), and the polite replies that share their
words (您最好, 建议您, 希望, 一直, 祝您平安, 持续跟进). Real engine over the shipped rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import engine_saying_yes, fires, rule_ids, shipped_engine

# written for this test after the rules (not a blind measure): one row per shape of threat.polite
POLITE_THREATS = [
    "亲，您是明白人，再投诉下去会是什么下场您心里有数",
    "您心里应该明白会有什么后果吧",
    "您真的要为了一条差评给自己惹上麻烦吗",
    "您老公在外面干的好事，我们会一件件告诉他们单位",
    "您在网上的所作所为，我们会转告给您父母",
    "您公司的同事可能都会收到您的聊天记录",
    "您儿子平时都是一个人上学吧",
    "我们的底线是有限的，请您不要挑战我们的耐心",
    "这个代价恐怕不是您能承受的",
    "您要是执意差评，我们自然有我们的办法",
    "我们老板的朋友可没我们这么好说话",
    "您每天还是走那条小巷回家吗？晚上不太安全",
    "这件事要是传出去，您在小区里的名声可就臭了",
    "您这是逼我们出手",
    "这单要是再投诉到最后，恐怕不好收场",
    "建议您好好想想自己的后路",
]
# the same words in polite service replies: never flagged
POLITE_REPLIES = [
    "您心里有数就好，尺码表在详情页",
    "您心里应该清楚这款的尺码偏大，建议拍小一码",
    "投诉下去也是一样的处理结果，我们已经给您申请了全额退款",
    "为了您的安全，请不要让自己在雨天骑车",
    "您做的事我们都看在眼里，真的非常感谢",
    "您的同事会收到您订的资料，麻烦帮忙签收",
    "您孩子每天上学背的书包建议选护脊款",
    "感谢您一直以来的耐心",
    "我们的耐心客服随时为您服务",
    "后果不是您的责任，是快递的问题，我们来处理",
    "如果您不方便，我们自有办法帮您解决",
    "我们老板可不好说话，这已经是最低价了",
    "走那条路的话，快递会慢一天",
    "您放心，这件事不会传出去，您的名声不会受影响",
    "是平台逼我们用这个规则的，请您理解",
    "如果您坚持退货，恐怕要承担运费",
    "建议您先试用几天，不满意可以申请退货",
    "您最好在签收时当面验货，有问题可以拒收",
    "希望您理解，活动价格是系统统一设置的",
    "有时间您可以看看我们店铺的新品",
]
CAMPAIGNS_AS_SERVICE = [
    "我们会每小时给您回访一次，包括凌晨",
    "我们会一直发短信提醒您，直到您删除差评",
    "我们已经通知了您的父亲，请他好好说说您",
    "我们会请您的同事帮忙督促您",
    "只要差评还没删，我们的回访就会一直打",
    "您一天不撤销，我们的电话就一天不会停",
]
FOLLOW_UPS = [
    "物流信息每小时更新，包括凌晨",
    "我们会持续跟进，直到您收到满意的商品",
    "我们已经通知了您的父亲，他说会帮您签收",
    "我们会请仓库同事督促您的订单",
    "我们会持续跟进您的物流，有进展第一时间通知您",
    "后续会有售后同事给您来电回访，请您留意手机",
    "您一天不满意，我们就一天负责到底",
    "我们会把回访电话安排在您下班后，不影响您工作",
]


@pytest.mark.parametrize("text", POLITE_THREATS)
def test_a_threat_said_politely_blocks(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block"
    assert any(rule.startswith("threat.") for rule in rule_ids(text))


def test_the_polite_shapes_need_no_menace_word() -> None:
    # caught by threat.polite alone: no other threat rule reads them
    for text in (
        "您真的要为了一条差评给自己惹上麻烦吗",
        "您在网上的所作所为，我们会转告给您父母",
        "我们老板的朋友可没我们这么好说话",
        "您这是逼我们出手",
    ):
        assert rule_ids(text) == {"threat.polite"}, text


@pytest.mark.parametrize("text", POLITE_REPLIES)
def test_a_polite_reply_with_the_same_words_passes(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok"


@pytest.mark.parametrize("text", CAMPAIGNS_AS_SERVICE)
def test_a_campaign_announced_as_service_blocks(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block"
    assert any(rule.startswith("harassment.") for rule in rule_ids(text))


@pytest.mark.parametrize("text", FOLLOW_UPS)
def test_a_real_follow_up_passes(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok"


def test_a_blessing_and_a_pickup_point_are_replies() -> None:
    # blocked before the ninth wave (threat.overall, threat.workplace)
    for text in (
        "祝您出入平安，路上注意安全",
        "祝您一路平安，路上注意安全",
        "我们会到您公司附近的驿站放件，您下班顺路取一下",
    ):
        assert shipped_engine().check(text).verdict == "ok", text
    # a blessing that carries a menace still blocks
    assert shipped_engine().check("祝您以后出门都顺顺利利，没人找您麻烦").verdict == "block"


def test_ill_wishes_said_as_good_ones_need_the_model(tmp_path: Path) -> None:
    engine = engine_saying_yes(tmp_path)
    for text in (
        "希望您上下班路上别碰上什么不三不四的人",
        "但愿您的电动车一直都好好的",
        "您还是多陪陪父母吧，趁着还有时间",
    ):
        assert fires(engine, text, "threat.veiled"), text
    # goods or a sale near the same words clear the cue whatever the model says
    for text in (
        "希望您的爱车一直好好的，这款车衣防晒又防刮",
        "多陪陪家人吧，趁现在还来得及，亲子套票活动今晚就结束",
        "希望您以后别再遇到这样的商家",
    ):
        assert not fires(engine, text, "threat.veiled"), text


# written by the lead after its own probes (not a blind measure): a buyer's details spread to a
# group of neighbours, family or sellers (threat.exposure; classes public_group, peer_sellers)
SPREAD_TO_A_GROUP = [
    "你的电话号码我已经转发到几个同城群了",
    "您的旺旺号我们已经分享给其他商家了，以后谁都不会卖给您",
    "你的地址我们已经发到宝妈群里了",
    "您的收货信息我们会推送到商家联盟群",
]
# the shop's own groups, a group buy's delivery list, a waybill traced, a member list
SHOP_GROUPS = [
    "我已经把您的订单信息发到仓库群里了，让他们加急",
    "我们把您的反馈发到了内部工作群，会尽快改进",
    "您的地址我们发到了同城的闪送群，半小时就能送到",
    "团购的订单我们已经把您的地址发到小区群，团长统一送",
    "您的订单号我发给同行的物流公司帮您查一下",
    "您的名字我们已经登记到会员群里了，享受九折",
    "我们不会把您的电话发到任何群里，请放心",
]


@pytest.mark.parametrize("text", SPREAD_TO_A_GROUP)
def test_details_spread_to_a_group_or_to_other_sellers_block(text: str) -> None:
    result = shipped_engine().check(text)
    assert result.verdict == "block", text
    assert "threat.exposure" in rule_ids(text)


@pytest.mark.parametrize("text", SHOP_GROUPS)
def test_details_sent_to_the_shop_s_own_groups_pass(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok", rule_ids(text)


def test_training_never_reads_the_ninth_waves_blind_set() -> None:
    blind = DEV / "structure" / "wave10b"
    assert blind in HELD_OUT
    assert blind not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
