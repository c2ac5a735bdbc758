"""Threats, campaigns and mailing of the twelfth wave (structure): the slot classes widened by
family rather than by sentence. What is held (家底, 户籍, 老窝, 丈母娘, 三代), finding it out
(摸透, 打探到, 搞到手, 了如指掌, 查过), the menace idioms (给你点颜色看看, 有你好果子吃,
吃不完兜着走, 给脸不要脸, 老实点), campaigns day and night (不分昼夜, 车轮战, 接二连三) and the
Taiwan words for a text (簡訊, 傳訊息), tit for tat (见一次骂一次, 你换一个号我追一个),
harassment by proxy (到付 parcels and takeaways by the dozen, the buyer signed up for sales
calls, a crowd sent to add them), beating idioms (套你麻袋, 满地找牙), curse dolls and
mutilated animals sent. And the shop's own busy line (客服电话被打爆了) and 三管齐下 chasing an
order, which blocked as harassment. Real engine over the shipped rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import rule_ids, shipped_engine

# written for this test after the rules (not a blind measure): one row per new family
BLOCKED = [
    ("你家底我都摸得透透的，差评不删你自求多福", "threat."),
    ("你户口所在地我打探清楚了，识相的赶紧删评", "threat."),
    ("你老窝在哪我搞到手了，别给脸不要脸", "threat."),
    ("你婆家在哪个镇我都了如指掌，你掂量掂量", "threat."),
    ("你祖宗三代我都查过了，老实点", "threat."),
    ("你住幾棟我都打探到了，不刪評給你點顏色瞧瞧", "threat."),
    ("惹毛了老子，找人套你麻袋", "threat."),
    ("我们客服车轮战给你打电话，直到你改评价", "harassment."),
    ("我会接二连三给你发消息，删了才停", "harassment."),
    ("我每天準時傳簡訊給你，直到你刪評", "harassment."),
    ("见你一次骂你一次", "harassment."),
    ("你拉黑一个号我就追一个号", "harassment."),
    ("我会往你家订几百单货到付款的外卖", "harassment."),
    ("我用你的手机号注册了好几个网贷，等着接电话吧", "harassment."),
    ("我找了一帮人轰炸你", "harassment."),
    ("给你寄一个写着你名字的稻草人", "mailing."),
    ("给你家寄了只开膛破肚的猫", "mailing."),
]
# the same words in replies: never blocked
REPLIES = [
    "我知道您的地址，已经为您改好了",
    "您的户口所在地和收货地不同没关系，按收货地址寄",
    "亲，您娘家的地址也可以作为收货地址，填详细就行",
    "我们已经查清楚了，是仓库漏发，马上给您补发",
    "这款礼盒很多人买来送丈母娘，包装很体面",
    "想看看颜色可以点开详情页，五种颜色都有实拍",
    "仓库不分昼夜在发货，双十一期间请耐心等待",
    "售后会接二连三地跟进您的订单，请放心",
    "客服电话被打爆了，您可以在旺旺留言，我们一定回复",
    "电话打爆了也没关系，客服热线一直有人接听",
    "您的订单我们三管齐下在催，物流和仓库都在跟进",
    "已经帮你下单了，货到付款，明天送到",
    "大宗货物套麻袋走物流，请放心",
    "生鲜现杀的鸡已经给您寄出，血淋淋的别害怕",
    "您订的万圣节道具，写着你名字的稻草人已经寄出",
]


@pytest.mark.parametrize(("text", "scene"), BLOCKED)
def test_a_new_family_blocks_in_its_scene(text: str, scene: str) -> None:
    assert shipped_engine().check(text).verdict == "block", text
    assert any(rule.startswith(scene) for rule in rule_ids(text)), rule_ids(text)


@pytest.mark.parametrize("text", REPLIES)
def test_a_reply_with_the_same_words_is_not_blocked(text: str) -> None:
    assert shipped_engine().check(text).verdict != "block", rule_ids(text)


def test_knowing_the_address_still_needs_a_menace() -> None:
    assert shipped_engine().check("你的地址我知道，给你点颜色看看").verdict == "block"
    assert shipped_engine().check("您的地址我们知道，已经帮您改好了").verdict == "ok"


def test_training_never_reads_the_twelfth_waves_blind_set() -> None:
    blind = DEV / "structure" / "wave14b"
    assert blind in HELD_OUT
    assert blind not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
