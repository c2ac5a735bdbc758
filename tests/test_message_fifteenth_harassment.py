"""Harassment of the fifteenth wave (structure), by family: contact by other people's hands (the
buyer's number signed up where others will call, parcels cash on delivery by the dozen, reports
organised against the buyer's account, each of the buyer's posts answered, several accounts sent
to add the buyer), the polite template that announces a campaign (a late hour by the clock, the
review unchanged as the reason for a daily schedule, an opt-out declared void, the buyer's
number put on a daily list, the buyer's people used after the buyer refused), the buyer's
friends added, people posted at the buyer's firm, the buyer named in a group day after day, a
blocked channel replaced and counted out. Each attack is paired with a reply that shares its
words, which must not block. The sentences were written for this test after the rules, in other
words than the rules' examples and the dev sets. Real engine over the shipped rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import rule_ids, shipped_engine

# (attack, the rule that must read it, a reply with the same words)
PAIRS = [
    (
        "他的号码我们已经挂在几个网贷平台上了",
        "harassment.piled",
        "您的号码我们已经登记在会员平台上了，积分会自动累计",
    ),
    (
        "给她叫了三十份外卖，全部货到付款",
        "harassment.piled",
        "给您发了三十份样品，运费到付，请查收",
    ),
    (
        "安排几个兄弟天天去举报他的店",
        "harassment.piled",
        "安排几个同事一起举报那家卖假货的店",
    ),
    (
        "你每更一个视频，我们都会去下面留言问候你",
        "harassment.piled",
        "您每更一个视频，我们都会认真学习参考",
    ),
    (
        "小号大号轮着加，他早晚会通过一个",
        "harassment.piled",
        "您的好友申请我们已经通过了",
    ),
    (
        "温馨提示：客服将于晚上23点后陆续与您联系，请留意来电",
        "harassment.announced",
        "温馨提示：晚上23点前下单，客服会与您联系确认发货",
    ),
    (
        "鉴于您一直未删除差评，本店客服将每天上门拜访",
        "harassment.announced",
        "您不删除差评也没关系，我们不会每天上门打扰您",
    ),
    (
        "本店短信回复TD退订无效，请知悉",
        "harassment.announced",
        "如果回复TD退订无效，请联系在线客服为您处理",
    ),
    (
        "因您拒绝沟通，我们只能联系您的家属转告此事",
        "harassment.third_party",
        "您的家属已经帮您签收了，我们联系时确认过",
    ),
    (
        "你公司的同事我已经加了好几个",
        "harassment.third_party",
        "你公司的同事说快递放前台了",
    ),
    (
        "我们的人会每天去你们厂门口等着",
        "harassment.campaign",
        "我们的师傅会每天去你们厂门口送货",
    ),
    (
        "邮件你也屏蔽了？那我就给你发短信",
        "harassment.campaign",
        "邮件被您邮箱屏蔽了的话，我们就给您发短信通知单号",
    ),
    (
        "如您继续拒接，我们将派人前往您家里当面沟通",
        "harassment.announced",
        "您不接电话也没关系，安装师傅上门前会再联系您",
    ),
    (
        "她闲鱼上所有的东西我都拍下不付款",
        "harassment.piled",
        "您闲鱼上所有的东西我们都拍下了，麻烦发货",
    ),
    (
        "以后你手机上的未接都是我们打的",
        "harassment.campaign",
        "以后您手机上的物流短信都是系统发的",
    ),
]


# everyday words of the campaigns that are replies: a no honoured, a device's talk time, a
# colleague told to stop calling, office hours
REPLIES = [
    "不需要也没关系，我就不每天发消息打扰您了",
    "这块电话手表连续通话一整天都没问题",
    "买家说过不要打电话，以后都发旺旺，别再打了",
    "晚上23点以后客服不在线，消息第二天上午回复",
    "请放心，我们不会联系您的紧急联系人",
    "每天晚上给您发一条物流进度，不需要可以退订",
]

# (text, the rule family that must block it; None: a reply that must go out)
CASES = [(attack, rule) for attack, rule, _ in PAIRS] + [
    (reply, None) for reply in [r for _, _, r in PAIRS] + REPLIES
]


@pytest.mark.parametrize(("text", "rule"), CASES)
def test_a_campaign_blocks_by_its_family_and_its_words_in_a_reply_go_out(
    text: str, rule: str | None
) -> None:
    found = rule_ids(text)
    blocked = shipped_engine().check(text).verdict == "block"
    if rule is None:
        assert not blocked, found
    else:
        assert blocked and any(one.startswith(rule) for one in found), found


def test_training_never_reads_the_fifteenth_waves_held_out_set() -> None:
    held = DEV / "structure" / "wave17b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
