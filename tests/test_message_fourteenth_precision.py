"""Fourteenth wave, precision: ordinary replies of pet shops, farms, clinics, pest control and
funeral shops that blocked — a litter of puppies (狗崽子), a female dog (母狗), livestock (牲口),
stray dogs and rat droppings, an illness with its patient, "whatever goods" in northern speech,
paper money burnt for the dead, a pet's cremation, a rooster's crow, bird keepers and a dog's
rear; each next to the draft of
the same words that must still be caught."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import assert_held_as_expected, held_cases, rules_only

# (reply, why it is not held)
NOT_BLOCKED = [
    ("母狗生了一窝狗崽子，满月以后可以预定", "a litter born (生了|狗崽子)"),
    ("这几只狗崽子刚断奶，已经在吃幼犬粮了", "a puppy's age right after it"),
    ("五只狗崽子都打过疫苗了，视频发您看", "a count of two or more before it"),
    ("这只是母狗，绝育要等第一次发情以后", "母狗 as written is no 穆狗"),
    ("养牲口的话这款饲料更划算", "livestock raised (养|牲口)"),
    ("牲口棚里的消毒用这个喷雾就行", "livestock's shed (牲口|棚)"),
    ("小区里野狗多，出门遛狗带根牵引绳", "stray dogs where they roam"),
    ("米缸里有老鼠屎的话，整缸都别吃了", "rat droppings found"),
    ("确诊癌症晚期以后，止痛药要按时吃", "an illness diagnosed"),
    ("癌症晚期的患者家属可以申请上门护理", "an illness with its patient"),
    ("咱这小卖部啥玩意儿都有，您缺啥说一声", "whatever goods (啥玩意儿|都有)"),
    ("老子曰：上善若水，这套书是全注全译本", "the philosopher quoted"),
    ("纸钱是烧给先人的，清明前我们都能发货", "paper money burnt for the dead"),
    ("毛孩子走了很难过，宠物火化以后骨灰给您寄回去", "a pet's cremation"),
    ("这只公鸡每天早上五点打鸣，住楼房的不建议养", "a rooster crows, it is no call"),
    ("遛鸟人早上都爱用这款轻便鸟笼", "bird keepers (遛鸟人), no 鸟人"),
    ("狗屁股周围的毛要剪短，不然容易粘便", "a dog's rear (狗屁股), no 狗屁"),
]

# (draft, why it still counts)
CAUGHT = [
    ("你个小狗崽子，还敢给差评", "a name-calling lead-in, no litter"),
    ("你们这窝狗崽子，一家子都不是好东西", "这窝 alone names a family in abuse"),
    ("生了一窝狗东西", "the litter clears the young animal's names only"),
    ("你个狗崽子刚出生就这么横", "刚出生 is left out: name-calling runs into it"),
    ("你这条母狗，滚远点", "母狗 called a name"),
    ("你们这些穆狗", "the slur typed as itself"),
    ("你这大牲口，听不懂人话", "大 is no livestock word"),
    ("你们这帮牲口", "a group called livestock"),
    ("你就是一条野狗", "a person called a stray dog"),
    ("一粒老鼠屎坏了一锅粥，说的就是你", "the idiom said of a person"),
    ("祝你癌症晚期", "an illness wished on the listener"),
    ("你什么玩意都不懂", "what the hell, not whatever goods"),
    ("给你寄点纸钱，烧给你家先人", "the buyer's family made the dead"),
    ("寿衣不能快递，我亲自送到你家", "a menace that says it cannot ship"),
    ("我明天早上五点打给你", "an early call announced"),
    ("你这鸟人，懂个屁", "鸟人 said to the listener"),
    ("狗屁，你懂什么", "the oath alone"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_words(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


def test_a_female_dog_is_no_finding_at_all() -> None:
    """The sound-alike reading of 母狗 as the slur used to warn alone (a lone guess): now no
    finding of the insult scene is left, so the reply neither blocks nor warns."""
    result = rules_only().check("公狗和母狗都可以用这款驱虫药")
    assert result.verdict == "ok", [(f.rule_id, f.term) for f in result.findings]


def test_the_held_out_set_is_never_trained_on() -> None:
    held = DEV / "precision" / "wave16b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
    assert (held / "drafts.tsv").is_file()
    assert (held / "normal_replies.txt").is_file()
