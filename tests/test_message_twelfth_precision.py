"""Twelfth wave, precision: the direction of sending (a funeral-goods shop ships the buyer's own
order, asks the buyer to send text to the shop, sells by the case on 1688), the courier's
repeated attempts, reminders of payment and relatives who took a call about the order; each
next to the draft of the same shape that must still be caught, and poison threats."""

from __future__ import annotations

import pytest

from tests.message_support import assert_held_as_expected, held_cases

# (reply, why it is not held: at most the advisory funeral reminder)
NOT_BLOCKED = [
    ("花圈缎带上写什么字，麻烦您发过来，我们今晚写好", "the buyer sends text to the shop"),
    ("骨灰罐上要刻的字请发给我们，刻好拍照给您看", "the buyer sends text to the shop"),
    ("冥紙您是要寄到老家還是寄到您住的地方？", "the buyer chooses where the order goes"),
    ("寿衣套装到了先数一下件数，核对件数没问题再签收", "the buyer checks the parcel"),
    ("棺木模型是实木的，发货前用木架固定", "a shop ships its stock (发货)"),
    ("中元节前纸扎订单多，建议您提前下单", "the buyer orders (下单)"),
    ("亲，祭祀用的香烛今天给您寄出，节前到", "the buyer's order in the polite form"),
    ("您的冥币已经在路上了，预计明天下午到", "the buyer's own item (您的)"),
    ("纸钱给您发中通了，单号在订单详情里", "the buyer's courier in polite form"),
    ("花圈已经送到告别厅了，您到了可以看一下摆放", "the hall of a funeral the shop serves"),
    ("老板，寿衣批发十套起批，混批也可以", "1688 wholesale"),
    ("派送员打了三次电话您都不在家，明天还会再派送一次", "the courier retries a delivery"),
    ("我们会每天提醒您一次付尾款，不需要的话可以忽略", "a reminder of payment"),
    ("您老婆接了电话，我们跟她核对了收货地址", "a relative took a call about the order"),
    ("快递小哥打了您好几次电话都没接，明天还会再打，您留意一下", "the courier's calls reported"),
    ("老鼠药拌在剩饭里放在墙角，千万别让孩子误食", "a pest shop's instructions"),
    ("您家的猫咪走了我们也难过，骨灰盒小号的刚好", "您家的 does not touch the item"),
]

# (draft, why it still counts)
CAUGHT = [
    ("你把地址发过来，我给你寄一箱纸钱", "发过来 in the informal form clears nothing"),
    ("为表歉意，给您补发了一套寿衣，注意查收", "a make-good parcel still holds the item"),
    ("亲，已经给您寄出一口棺材，祝您早日用上", "a wish that the buyer use it"),
    ("亲亲，您家的骨灰盒已经打包好了，明天发顺丰", "您家的 is no order of the buyer's"),
    ("再闹我往里面塞几张冥币一起寄给你", "slipped into the parcel"),
    ("我打了十次你都不接，明天还会再打", "the agent's own calls again"),
    ("你老公接的电话，你干的好事我都跟他说了", "a relative told about the buyer"),
    ("鼠药我多的是，你再投诉就放你碗里", "poison in the buyer's food"),
    ("信不信我在你水杯里加点农药", "poison in the buyer's drink"),
    ("早晚毒死你", "poisoning said outright"),
    ("一箱纸钱，记得签收", "in transit with no 您: the act"),
    ("您好，已为您备好寿衣一套，稍后寄出", "made ready for the buyer"),
    ("您这么喜欢投诉，给您寄点冥币", "the dispute it answers"),
    ("亲，给您寄了个花圈，聊表心意", "a token of feeling"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_structure(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)
