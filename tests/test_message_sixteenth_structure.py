"""Sixteenth wave, structure17 branch (issue 9, item 3): threats and harassment by structure in
wordings the slot patterns missed: a shop near the buyer's home praised as a place the agent
visits, a safety warning tied to "these days" with no reason, a post about the dispute that
names the buyer, every app of the buyer added one after another and the dare 看你躲到哪, a
courier set on the buyer, COD parcels by the dozen for a buyer named in the third person. Each
attack is paired with an ordinary reply in the same words that must go out."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_attack_blocks_by_rule,
    assert_held_as_expected,
    assert_reply_not_blocked,
    held_cases,
)

# (reply, why it is not held)
NOT_BLOCKED = [
    ("您家附近那家驿站挺方便的，我们经常往那发货", "a pickup point near the buyer: delivery talk"),
    ("你家楼下那家专柜挺好的，我经常去", "the shop's own counter, a store of the brand"),
    ("最近降温了，出门注意安全，多穿点哦", "a safety wish with its reason, the weather"),
    ("这几天出门注意安全，路上车多", "a safety wish with its reason, the traffic"),
    ("亲，出门注意安全，天冷多穿点哦", "a bare goodbye wish with a reason"),
    ("发小红书买家秀时可以带上您的店铺名字哦", "a buyer show that names the shop, no exposure"),
    ("这个闹钟响个不停的话可以长按关闭", "a device's own noise, no campaign"),
    ("微信和QQ加一下官方客服就行", "the shop's own accounts"),
    ("给他下单了一百个口罩，已经发货了", "a bulk order shipped, no COD"),
    ("您家附近那家店挺好的，我们经常去那边送货", "the agent goes there to deliver"),
    ("看您躲到哪都能收到我们的优惠短信", "the shop's offers, a joke about reach"),
    ("快递员到了会给您打电话，请注意接听", "a courier's call"),
    ("我们不会因为评价给您打电话骚扰，请放心", "a promise not to call"),
]

# (draft, why it is held)
CAUGHT = [
    ("你家楼下那家面馆挺好吃的，我天天去", "knowing the buyer's street, said as small talk"),
    ("你最近出门注意安全哦", "a safety warning with no reason, tied to these days"),
    ("我明天发小红书，附上你的名字和电话", "a post naming the buyer: exposure"),
    ("截图我都留着了，明天发抖音让大家评评理，顺便带上你的真名", "exposure with the buyer's name"),
    ("你手机会一直响，响个不停", "the phone kept ringing"),
    ("微信QQ抖音我全加一遍，看你躲到哪", "every app added, and a dare"),
    ("回头让外卖员烦死他", "a courier set on the buyer"),
    ("给她下单一百个到付，天天让快递烦她", "COD parcels by the dozen for a buyer named 她"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_structure(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


# (attack, the same words in a reply) under the shipped engine, with the scene that holds it
PAIRS = [
    ("你家楼下那家水果店挺好的，我经常去", "您家附近那家驿站挺方便的，我们经常往那发货", "threat."),
    ("亲最近出门注意安全哦", "最近降温了，出门注意安全，多穿点哦", "threat."),
    ("微信QQ抖音全加一遍，看你躲到哪", "微信和QQ加一下官方客服就行", "harassment."),
    ("给他下单一百个到付，让他签到手软", "给他下单了一百个口罩，已经发货了", "harassment."),
]


@pytest.mark.parametrize(("attack", "reply", "scene"), PAIRS)
def test_attack_blocks_and_reply_goes_out(attack: str, reply: str, scene: str) -> None:
    assert_attack_blocks_by_rule(attack, scene)
    assert_reply_not_blocked(reply)


def test_the_held_out_set_stays_out_of_training() -> None:
    folder = DEV / "structure" / "wave18b"
    assert folder in HELD_OUT
    assert folder not in TRAIN_FOLDERS and folder not in REPLY_FOLDERS
    assert (folder / "drafts.tsv").is_file() and (folder / "normal_replies.txt").is_file()
