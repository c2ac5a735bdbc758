"""Seventeenth wave, person17: recall on comments attacking a person. The shared `against`
slot holds 别, which also sits inside 特别, so every "特别 + trait / disgust / loathing" claim
was set aside as if denied (上海人特别恶心, 特别恶心, 我特别讨厌河南人); a kind of person said
to ruin people, to need a lesson, to be unfit to marry or to live, or loathed by the speaker
(insult.people_contempt); sick at the sight of a person and a person named by a word of moral
contempt (insult.disgust); the "foolish or wicked" verdict and put-downs of character (contempt
lexicon). Each attack is paired with a reply in the same words: a denial, a smell or a symptom,
a pest, the shop sharing the buyer's dislike of a third party. On the shipped rules without
the scorer.
"""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_held_as_expected,
    assert_insult_blocked_and_innocent_passes,
    fires,
    rules_only,
)

# (attack, a reply in the same words)
PAIRS = [
    # 特别 before a group's trait, a disgust or a loathing
    ("你们上海人特别恶心", "上海人特别讲究包装，我们用的是礼盒"),
    ("东北男的特别懒", "东北人特别热情，谢谢您的推荐"),
    ("河南人特别小气", "河南人并不特别小气，您别听别人乱说"),
    ("我特别讨厌河南人", "他特别讨厌香菜，这款不放香菜"),
    ("说实话特别看不起东北男的", "我们不会特别看不起外地人，一视同仁"),
    ("这个人真的特别恶心", "这个榴莲闻着特别恶心，但吃起来很香"),
    ("我觉得你们特别恶心", "孕期特别容易恶心，这款酸梅可以缓解"),
    # a kind of person said to ruin people, to need a lesson, to be unfit to marry or live
    ("这种人只会祸害别人", "蚜虫最祸害果树，这款药一喷就好"),
    ("这种女的别出来祸害老实人", "老鼠会祸害粮食，记得放粘鼠板"),
    ("这种男的确实该好好教训一下", "这种鞋确实该好好保养一下"),
    ("这种男人谁嫁谁倒霉", "这种人参谁买谁划算"),
    ("这种人就不该活着", "这种花不该放在阳台，晒多了会死"),
    # the speaker's own loathing of a kind of person
    ("我看不起这种人", "这种骗子短信我们也很讨厌，您别点链接"),
    ("特别讨厌你这种人", "我们也很讨厌这种人，给您添麻烦了"),
    # sick at the sight of a person
    ("看到这种人就想吐", "看到宝宝吐奶就想吐怎么办"),
    ("一见你就反胃", "吃了会反胃的话先停一下"),
    ("呵呵，这种货色也配叫人", "这种货色号我们也有，叫雾霾蓝"),
    # a person named by a word of moral contempt, and foolish-or-wicked
    ("愚蠢的男人，说了八百遍", "他不是愚蠢的人，只是没经验"),
    ("卑鄙的家伙，退款还骂人", "可耻的行为我们不会做，请您放心"),
    ("你这种人不是蠢就是坏", "这种锅不是铁就是铝，我们的是不锈钢"),
    # the head left out at birth; "in truth the most…" of a group; a kind with the nerve
    ("你爹妈生你的时候是不是忘了给你装脑子", "你忘了装电池，遥控器才没反应"),
    ("山东人其实是最奸诈的", "北京人其实是最热情的，您来了就知道"),
    ("就这种女人还好意思叫母亲", "这种小事还好意思麻烦您，我们自己处理就好"),
    # put-downs of a person's character (contempt lexicon)
    ("你戏怎么这么多", "这部剧戏这么多，你喜欢的话可以买碟"),
    ("你们这些人心真脏", "心眼真坏的反派角色是这本书的亮点"),
    ("你一看就不是好人", "这种充电宝质量好，一看就是好东西"),
    ("你真让人讨厌", "蚊子真让人讨厌，这款驱蚊液很管用"),
    ("你就是个笑柄", "那次发布会成了行业笑柄，我们吸取了教训"),
    ("你个混账东西", "这个东西是混纺面料的，不起球"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_attack_blocked_and_innocent_passes(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


# the rule that reads each shape (another rule may also report it)
OWNERS = [
    ("上海人特别恶心", "insult.group_trait"),
    ("我特别讨厌河南人", "insult.group_contempt"),
    ("特别恶心", "insult.disgust"),
    ("这种人只会祸害别人", "insult.people_contempt"),
    ("这种女人确实该教训一下", "insult.people_contempt"),
    ("特别讨厌这种男人", "insult.people_contempt"),
    ("看到这种人就想吐", "insult.disgust"),
    ("愚蠢的男人", "insult.disgust"),
]


@pytest.mark.parametrize(("text", "rule_id"), OWNERS)
def test_the_shape_is_read_by_its_rule(text: str, rule_id: str) -> None:
    assert fires(rules_only(), text, rule_id)


# replies that were held before this wave and must now go out
NOW_PASS = [
    ("不要脸红，问尺码很正常的", "blushing told not to is not 不要脸"),
    ("智障人士专用的防走失手环有定位功能", "a care product's label"),
    ("闻着特别恶心，通风两天就散了", "a smell judged, now that 特别恶心 counts"),
    ("他问了我特别恶心的话，我已经报警了", "disgusting words someone said"),
    ("女人说哪个男人特别丑的时候", "one man, not a group"),
]


@pytest.mark.parametrize(("text", "why"), NOW_PASS)
def test_reply_passes(text: str, why: str) -> None:
    assert_held_as_expected(text, False, why)


def test_sneer_with_the_care_word_is_still_held() -> None:
    assert_held_as_expected("你是智障人士吧", True, "the exception is the label, not the word")


def test_the_held_out_set_is_never_trained_on() -> None:
    held = DEV / "lexicon" / "wave22b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
    assert (held / "drafts.tsv").is_file()
    assert (held / "normal_replies.txt").is_file()
