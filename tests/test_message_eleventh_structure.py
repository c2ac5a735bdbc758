"""Threats, campaigns and mailing of the eleventh wave (structure): a held detail put on the
shop's record or answered by "your attitude" (threat.held; 登记了, 看您的态度), the buyer's
photos spread to a few groups (threat.exposure), contact said not to stop, calls in the small
hours, the buyer's residents' group and feed, the buyer's employer told about a review
(harassment.announced, harassment.third_party; late_hour reads 凌晨两点), vermin by the box and
dead animals sent as a done deed (mailing.vile; class vermin). And two ordinary replies that
blocked: a consequence next to caring for goods (class goods_care) and a knowing inside a report
of someone else's words (the report frame as an `unless` of threat.known). Real engine over the
shipped rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import rule_ids, shipped_engine

# written for this test after the rules (not a blind measure): one row per new shape
BLOCKED = [
    ("您的身份证信息我们整理好了，怎么处理看您的态度", "threat."),
    ("您的车牌号我们这边也登记了，建议您尽快删评", "threat."),
    ("您的照片挺好看的，发到几个群里应该很多人感兴趣", "threat."),
    ("我们的回访不会停止，包括晚上和周末", "harassment."),
    ("凌晨三点我们会准时给您打回访电话", "harassment."),
    ("您的业主群我们进去了，会在群里每天提醒您", "harassment."),
    ("微博上我们关注您了，每条动态下面都会提一下这件事", "harassment."),
    ("我们会把您的情况同步给您所在的单位领导，请配合修改评价", "harassment."),
    ("顺便给您快递了一包蟑螂", "mailing."),
    ("一箱死老鼠今天下午发出", "mailing."),
]
# the same words in replies: never blocked
REPLIES = [
    "后果很严重，记得别用热水洗",
    "不按说明使用的话后果很严重，电池可能会鼓包",
    "请不要用热水洗，否则后果很严重",
    "您说快递员知道您的地址，我们已经投诉了",
    "您的车牌号我们登记了，马上为您补发",
    "您的买家秀我们转到几个粉丝群了，大家都说好看",
    "物流消息不会停止更新，包括周末",
    "凌晨两点物流更新后我们会准时给您发短信通知",
    "您的小区群每天都有团购提醒，记得接龙",
    "我们会把发票同步给您所在的公司财务，评价的事不着急",
    "给您寄了一包蟑螂药，请查收",
    "您收到的一箱死虾我们已经补发",
]


@pytest.mark.parametrize(("text", "scene"), BLOCKED)
def test_a_new_shape_blocks_in_its_scene(text: str, scene: str) -> None:
    assert shipped_engine().check(text).verdict == "block", text
    assert any(rule.startswith(scene) for rule in rule_ids(text)), rule_ids(text)


@pytest.mark.parametrize("text", REPLIES)
def test_a_reply_with_the_same_words_is_not_blocked(text: str) -> None:
    assert shipped_engine().check(text).verdict != "block", rule_ids(text)


def test_a_threat_of_consequences_without_goods_still_blocks() -> None:
    assert "threat.menace" in rule_ids("你再差评后果很严重")


def test_the_agents_own_knowing_in_a_dispute_still_blocks() -> None:
    assert "threat.known" in rule_ids("差评我看到了，你的电话和地址我都有")


def test_training_never_reads_the_eleventh_waves_blind_set() -> None:
    blind = DEV / "structure" / "wave13b"
    assert blind in HELD_OUT
    assert blind not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
