"""Seventeenth wave, mailing branch (issue 9 point 4): a funeral item addressed to the buyer's
own place or people counts past the polite shipping words of a shop's order; incense for a
temple or a home shrine and an order made to the buyer's request are sales; a funeral-goods
shop profile names the rest of what such a shop sells, while the same goods aimed at the buyer
(or the buyer's kin, name or face) still block. Real engine and rules throughout."""

from __future__ import annotations

import pytest

from helper.guard.categories import load_categories
from helper.guard.filter import ShopFilter
from helper.rulefiles import shipped_rules_dir
from tests.message_support import assert_held_as_expected, held_cases, rule_ids, shipped_engine

NOT_BLOCKED = [
    ("您订的寿衣同城配送到你家了吗", "the buyer's own order, delivered home"),
    ("花圈不能送到你家门口，只能送到殡仪馆", "a wreath the shop will not bring home, denied"),
    ("这款香烛是寺庙供佛用的，已经给您寄了两盒", "incense for a temple"),
    ("拜财神的香烛今天给您寄出", "incense for the god of wealth"),
    ("老人家的寿衣已经按您要求做好了，今天寄出，节哀顺变", "an order made to request"),
    ("同城配送今天下午就能到，请注意查收", "an ordinary parcel by the same route"),
]
CAUGHT = [
    ("同城配送一箱冥币到你公司，慢慢花", "hell money to the buyer's office by a polite route"),
    ("寿衣同城配送到你家人手里，节哀", "burial clothes to the buyer's family"),
    ("纸钱寄到老家了，到你家门口记得签收", "polite shipping words, then the buyer's door"),
    ("给你寄一盒香烛，拜佛也救不了你", "incense with a menace the worship words do not clear"),
    ("给你寄香烛，给你上香", "incense with the afterlife words"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_funeral_items_to_the_buyers_place_and_worship_goods(
    text: str, held: bool, why: str
) -> None:
    assert_held_as_expected(text, held, why)


def test_the_buyers_place_is_a_mailing_finding() -> None:
    assert "mailing.funeral" in rule_ids("同城配送一箱冥币到你公司，慢慢花")
    assert "mailing.funeral" not in rule_ids("同城配送一箱大米到你公司，慢慢吃")


def _funeral_shop() -> ShopFilter:
    return ShopFilter.build([], [load_categories([shipped_rules_dir()])["funeral"]])


@pytest.mark.parametrize(
    "reply",
    [
        "遗像放大冲印好了，装框后给您寄过去",
        "这款香烛是清明套装，已经给您寄了两盒",
        "丧葬用品属于特殊商品，定制后不支持退换哦",
        "清明节的纸扎别墅比较大，会分三个箱子寄出",
    ],
)
def test_a_funeral_shop_profile_clears_its_own_goods(reply: str) -> None:
    engine = shipped_engine()
    # the default profile holds or reminds; the shop that sells them may say them
    assert engine.check(reply).verdict != "ok", reply
    assert engine.check(reply, shop_clears=_funeral_shop().clears).verdict == "ok", reply


@pytest.mark.parametrize(
    "draft",
    [
        "给你快递一份白事套餐，香烛元宝一样不少",
        "给你老公寄一双寿鞋，尺码刚好",
        "遗像已经做好了，用的是你的头像",
        "挽联上写着你的名字，已经寄出",
    ],
)
def test_a_funeral_shop_profile_still_blocks_goods_aimed_at_the_buyer(draft: str) -> None:
    engine = shipped_engine()
    assert engine.check(draft, shop_clears=_funeral_shop().clears).verdict == "block", (
        draft,
        rule_ids(draft),
    )
