"""Seventeenth wave, harass17 branch (issue 9, item 3): harassment and threats by structure in
wordings the slot patterns missed: a campaign through the buyer's circle (neighbours or
colleagues asked to pass a message on, a relative's number found and texted, the buyer asked
after in a parents' or owners' group, the friends list messaged one by one, a relative set to
talk the buyer round), every platform of the buyer's followed, the buyer re-added after each
deletion, a changed number found again, the nth call of the day with more to come, people sent
every day to the buyer's factory or warehouse to dun (1688); threats that put the buyer's name
and workplace out together or name the buyer's daily route. Each attack is paired with an
ordinary reply in the same words that must go out, and the replies the old rules blocked
(a call offer to the family, 盯着您这单, an address check after a call, a van at the warehouse,
a pick-up point on the way home) go out now."""

from __future__ import annotations

import pytest

from bench.corpora import read_drafts, read_replies
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_attack_blocks_by_rule,
    assert_held_as_expected,
    assert_reply_not_blocked,
    held_cases,
    shipped_engine,
)

# (attack, the same words in an ordinary reply, the rule that holds the attack)
PAIRS = [
    (
        "我去你们小区问了邻居，让他们帮我带个话给你",
        "快递员问了几个邻居，让他们帮忙代收一下",
        "harassment.circle",
    ),
    (
        "你同事我找过了，请他转告你赶紧回我",
        "我们问了您同事，让他帮忙转告您快递到了",
        "harassment.circle",
    ),
    (
        "你爸的电话我查到了，已经打过去了",
        "您家人的电话我们已经打过了，确认了地址",
        "harassment.circle",
    ),
    (
        "你们业主群我进去了，在群里打听打听谁认识你",
        "您可以在业主群问问，有没有邻居帮您代收",
        "harassment.circle",
    ),
    (
        "你微信好友我全都私信了一圈",
        "您的朋友我们都发了一遍优惠券链接",
        "harassment.circle",
    ),
    (
        "抖音、快手、微博我全关注了你",
        "我们在抖音、快手、微博都有账号，欢迎关注",
        "harassment.circle",
    ),
    (
        "不管你在哪个平台，我都能找到你",
        "您在哪个平台买的我们都能找到订单",
        "harassment.circle",
    ),
    (
        "你拉黑了也没事，我天天重新加你",
        "您删了好友的话，我们可以重新加您吗",
        "harassment.circle",
    ),
    (
        "换了号码也没用，我从快递单上就能查到",
        "您换了手机号也没用，我们从订单里查到的还是旧的收货电话",
        "harassment.circle",
    ),
    (
        "这是今天第十五个电话了，你不接我晚上接着打",
        "这是今天第五次打您电话了，都没打通，我们明天继续尝试配送",
        "harassment.circle",
    ),
    (
        "每天安排人去你工厂门口等着要钱",
        "我们每天派人去你们仓库拉货，装满一车就发",
        "harassment.circle",
    ),
    (
        "你哥我们也联系上了，让他好好劝劝你",
        "联系过您的家人了，他们说您出差，我们改约了安装时间",
        "harassment.circle",
    ),
    (
        "把你的全名和单位一起发出来，让大家认识认识",
        "麻烦把您的姓名和单位一起发出来，我们开发票用",
        "threat.exposure",
    ),
    (
        "你每天早上上班那个地铁站，我也天天在那等着",
        "您每天下班回家那条路上有个菜鸟驿站，我们的快递员都在那放件",
        "threat.menace",
    ),
    (
        "你儿子的班主任我已经加了，跟她说了你投诉的事",
        "您小孩的老师我们已经加上了，跟她说了团购的送货时间",
        "harassment.circle",
    ),
    (
        "你楼上楼下的邻居我都挨个问过了",
        "您的邻居我们都问过了，都说没人帮您代收",
        "harassment.circle",
    ),
    (
        "删了我也没事，我今天再加，明天再加",
        "您删了我们好友的话，可以再加，再加的时候备注订单号",
        "harassment.circle",
    ),
    (
        "你换几个小号都一样，我认得出来",
        "您用小号下单也一样享受优惠",
        "harassment.circle",
    ),
    (
        "货款一天不结，我们就天天去你店里坐着",
        "一天不付款，订单就会自动关闭，我们会去仓库取消备货",
        "harassment.circle",
    ),
    (
        "账不结我就住你厂里了",
        "货款不结的话，我们这边没法安排下一批发货",
        "harassment.circle",
    ),
    (
        "我明天就去你老家找你爸妈",
        "我们会把货寄到您老家，您爸妈可以代收",
        "harassment.circle",
    ),
    (
        "你说不要联系了？没事，我明天晚上再打",
        "您说别再联系您，没关系，我们已经备注了",
        "harassment.circle",
    ),
    (
        "你在哪个群我就进哪个群",
        "您在哪里下单，我们就送到哪里",
        "harassment.circle",
    ),
    (
        "你的车平时停在哪我们一清二楚",
        "您的车停在哪个车位我们都知道了，师傅明天去装充电桩",
        "threat.menace",
    ),
    (
        "把你的小号和真实身份都扒出来",
        "我们把您的订单记录翻出来看了，确实发错了",
        "threat.exposure",
    ),
    (
        "再不结款，我就把你欠钱的事发到你们商会群里",
        "我们把你欠款的对账单发到你们财务群了，麻烦核对",
        "threat.exposure",
    ),
    (
        "你的微信、电话、家庭住址我都存好了，随时发到网上",
        "您的姓名、电话、地址都核对好了，包裹随时可以发出去",
        "threat.exposure",
    ),
    (
        "你儿子那个幼儿园在哪儿，我们都打听到了",
        "您孩子的学校在哪里我们知道了，校服直接寄到学校",
        "threat.menace",
    ),
]


@pytest.mark.parametrize(("attack", "reply", "rule"), PAIRS)
def test_attack_blocks_and_reply_goes_out(attack: str, reply: str, rule: str) -> None:
    assert_attack_blocks_by_rule(attack, rule)
    assert_reply_not_blocked(reply)


# replies the rules blocked before this branch: (reply, why it is not held)
NOT_BLOCKED = [
    ("您不方便的话我们可以打给您家人，您留个电话就行", "an offer the buyer may refuse"),
    ("我们有专人一直盯着您这单，您放心", "watching the order, not the buyer"),
    ("您家人的电话我们已经打过了，确认了收货地址", "an address check after a call"),
    ("我们每天派人去你们仓库拉货", "a 1688 seller's van at the buyer's warehouse"),
    ("您每天下班回家那条路上有个菜鸟驿站", "a pick-up point on the way home"),
    ("您的同事我们也联系了，请他们帮忙转告您今天下午送货", "a delivery message passed on"),
    ("您的同事我们也联系了，他说您今天请假，明天再送", "a delivery rearranged"),
    ("您要是不方便，我们明天早上再联系您", "a callback at the buyer's convenience"),
    ("您孩子的学校离您家不远的话，可以直接寄到家", "the buyer's own places near home"),
    ("您老家的地址我们记下了，过年前给您发过去", "a parcel to the home village"),
    ("有问题随时联系，换个号码也能找到我们", "the buyer finds the shop, not the reverse"),
    ("您老板的微信我们加了，是为了对接采购单", "a purchase order, 1688"),
    ("您公司的地址我们已经记下了，下次下单会直接填上", "an address kept for the next order"),
]

# the same shapes said as pressure: (draft, why it is held)
CAUGHT = [
    ("你不删评，我们也可以打给你家人", "the call to the family tied to the review"),
    ("我们会天天跟着您", "following the buyer every day"),
    ("你家人的电话我们已经打过了，让他们劝劝你", "the family called to talk the buyer round"),
    ("你每天开车回家那条路，我们都清楚", "the buyer's daily route known"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_structure(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


def test_the_tune_set_is_caught_in_scene_and_its_replies_go_out() -> None:
    folder = DEV / "structure" / "wave19"
    engine = shipped_engine()
    drafts = read_drafts(folder / "drafts.tsv")
    assert len(drafts) >= 50
    missed = []
    for draft in drafts:
        result = engine.check(draft.text)
        scenes = {finding.scene for finding in result.findings}
        if result.verdict != "block" or draft.scene not in scenes:
            missed.append((draft.scene, draft.text))
    assert missed == []
    replies = read_replies(folder / "normal_replies.txt")
    assert len(replies) >= 50
    flagged = [reply.text for reply in replies if engine.check(reply.text).verdict != "ok"]
    assert flagged == []


def test_the_held_out_set_stays_out_of_training() -> None:
    folder = DEV / "structure" / "wave19b"
    assert folder in HELD_OUT
    assert folder not in TRAIN_FOLDERS and folder not in REPLY_FOLDERS
    assert (folder / "drafts.tsv").is_file() and (folder / "normal_replies.txt").is_file()
