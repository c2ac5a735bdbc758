"""Threats, campaigns and mailing of the tenth wave (structure): praying and luck left to the
buyer, menace phrased as procedure (threat.polite; classes pray, luck, handover, field, visit,
settle, errand in rules/message/slots.toml), campaigns through the buyer's feed, neighbours and
people asked to pass a message on, at a late hour or with no cap (harassment.announced; classes
each_post, door_to_door, relay, late_hour, unlimited), and funeral goods given as a present or
fitted to the buyer (mailing's `sent_to_you`). Each with the ordinary replies that share its
words. Real engine over the shipped rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import rule_ids, shipped_engine

# written for this test after the rules (not a blind measure): one row per new shape
THREATS = [
    "你最好祈祷以后出门别让我们碰到",
    "您还是多祈祷吧，别哪天惹上什么麻烦",
    "但愿您的好运一直这么好，晚上一个人回家别碰上什么人",
    "您的身份证和住址已转交给我们的外勤，他们会亲自上门找您聊聊",
    "专门团队的同事这周会前往您单位，当面把这件事说清楚",
    "针对您的恶意差评，我们已启动线下处理流程",
]
# the same words in replies: never flagged
THREAT_REPLIES = [
    "祈祷这周别再下雨了，快递就能准时到",
    "您的运气一直这么好，这次抽奖又中了",
    "您的地址已同步给仓库，安装师傅会上门当面调试",
    "我们的工作人员会上门取件，当面验货后给您退款",
    "您的投诉已移交专人处理，我们会在旺旺上回复您",
    "附近有我们的线下门店，您可以前往当面解决",
]
CAMPAIGNS = [
    "您的微博我们关注了，您每一篇微博下面我们都会去留言",
    "您小区的住户我们会挨个敲门，让大家都知道这件事",
    "我们联系了您的领导，请他帮忙转告您",
    "以后每天晚上十二点，我们会准时给您打电话",
    "差评一天不删，提醒电话就不设上限",
]
FOLLOW_UPS = [
    "感谢您的支持，您每条评论我们都认真看了",
    "快递员敲门没人应，包裹放在您邻居家了",
    "我们请快递员转告您，包裹放在驿站了",
    "每天晚上十一点前下单，当天就能发货",
    "积分兑换不设上限，可以随时使用",
]
MAILINGS = [
    "特意给您挑了一套寿衣，喜欢吗",
    "给你选了一口棺木，尺寸按你的身高定的",
    "赠您一叠冥钱，不用客气",
]
MAILING_REPLIES = [
    "特意给您挑了一个相框，尺寸按您的要求定的",
    "您订的寿衣已经发出了，请家属注意查收",
]


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_said_as_prayer_luck_or_procedure_blocks(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block", text
    assert "threat.polite" in rule_ids(text), rule_ids(text)


@pytest.mark.parametrize("text", THREAT_REPLIES)
def test_a_reply_with_the_same_words_passes(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok", rule_ids(text)


@pytest.mark.parametrize("text", CAMPAIGNS)
def test_a_campaign_through_other_channels_blocks(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block", text
    assert any(rule.startswith("harassment.") for rule in rule_ids(text)), rule_ids(text)


@pytest.mark.parametrize("text", FOLLOW_UPS)
def test_a_follow_up_with_the_same_words_passes(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok", rule_ids(text)


@pytest.mark.parametrize("text", MAILINGS)
def test_funeral_goods_given_or_fitted_to_the_buyer_block(text: str) -> None:
    assert "mailing.funeral" in rule_ids(text), rule_ids(text)


@pytest.mark.parametrize("text", MAILING_REPLIES)
def test_goods_chosen_for_the_buyer_or_their_own_order_pass(text: str) -> None:
    assert shipped_engine().check(text).verdict != "block", rule_ids(text)


def test_the_buyer_blocking_us_is_no_campaign() -> None:
    # blocked before the tenth wave (harassment.persistence, threat.overall)
    assert shipped_engine().check("您拉黑了我们的号码吗？电话一直打不通").verdict == "ok"


def test_training_never_reads_the_tenth_waves_blind_set() -> None:
    blind = DEV / "structure" / "wave12b"
    assert blind in HELD_OUT
    assert blind not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
