"""Eighteenth wave, cloak18 branch (issue 9, items 1 and 2): short drafts typed in a hurry that
insult, threaten or curse the buyer in cloaked spelling the rules missed: a car (🚗) for the car
of a curse and a drop (💧) for the water of 脑子进水, the knife (🔪, 刀) as the verb after a dare or
a resolve, the initials jb, 妈 and 操 split into their components (女马, 扌喿), a scorned name
guessed of the buyer (你是小丑吧, 你是🤡吧), and a come-on or a request for an intimate photo
(美女约吗, 发张你的私房照); also initials as the buyer's label (lj买家) and the rat read as
老鼠 (给你寄一箱🐀). Each attack is paired with an ordinary reply in the
same signs or letters that must go out (a car mount, a phone in water, a knife handed over, a
JB-5 connector, a women's vest, the TM trademark sign, a clownfish buyer), and the tune set's
replies that the old rules held (the TM sign) go out now."""

from __future__ import annotations

import pytest

from bench.corpora import read_drafts, read_replies
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_attack_blocks_by_rule,
    assert_reply_not_blocked,
    shipped_engine,
)

# (attack, the same signs or letters in an ordinary reply, the rule that holds the attack)
PAIRS = [
    ("出门被🚗撞死吧你", "🚗车载支架已经给您补发了", "insult.curses"),
    ("你是不是脑子进💧了", "手机进💧的话不在保修范围哦", "insult.mind"),
    ("信不信我🔪你", "🔪刀具需要实名购买，请您谅解", "threat.violence"),
    ("小心我🔪你", "这把刀你收好，开刃了小心手", "threat.consequence"),
    ("看我不刀你", "刀你放心用，不锈钢的不会生锈", "threat.consequence"),
    ("你个jb人，烦死了", "亲亲，JB-5接头要单独买", "insult.sexual.aimed"),
    ("你这个jb玩意", "JB接头是配套的", "insult.sexual.aimed"),
    # JB is also a person's initials (COLD train safe): only a called name counts
    ("你个jb人，烦死了", "JB大人的新歌很好听", "insult.sexual.aimed"),
    ("美女约吗", "美女，预约吗？安装师傅明天有空", "harassment.advance"),
    ("美女，约吗", "美女约个时间，师傅上门安装", "harassment.advance"),
    ("小姐姐约不约", "小姐姐要预约吗，周末名额不多", "harassment.advance"),
    ("发张你的私房照给我看看", "拍私房照的套餐还有名额", "harassment.advance"),
    ("发张你的私房照给我看看", "美女发张全身照的买家秀，返现五元", "harassment.advance"),
    ("你女马的，烦不烦", "女马甲M码有货", "insult.profanity"),
    ("去你女马的", "这件女马甲是你女朋友穿吗", "insult.profanity"),
    ("扌喿你女马", "“扌”是提手旁，字帖第五页有讲", "insult.profanity"),
    ("你女马死了", "女马甲和男马甲同价", "insult.curses"),
    ("你是🤡吧", "你是小丑鱼的买家吗", "insult.scorned_name"),
    ("你就是🤡吗", "🤡小丑玩偶还有货的亲", "insult.scorned_name"),
    ("你是小丑吧，笑死", "你是要小丑面具吗", "insult.scorned_name"),
    ("你是小仙女吧，自己拍错还怪别人", "你是小仙女吧，这么会搭配", "insult.scorned_name"),
    ("lj买家又来了", "SG买家需要另付运费", "insult.scorned_name"),
    ("nc买家，自己看详情", "FW客户端已更新到最新版", "insult.scorned_name"),
    ("给你寄一箱🐀", "🐀年生肖挂件还有货", "mailing.vile"),
    ("寄只死🐀到你家", "给您补发的🐀鼠标垫已经发出", "mailing.vile"),
    ("你TM有完没完", "包装上的TM是商标标识哦", "insult.profanity"),
    ("你TM有完没完", "TM标志是注册商标", "insult.profanity"),
]


@pytest.mark.parametrize(("attack", "reply", "rule"), PAIRS)
def test_cloaked_attack_blocks_and_the_same_signs_in_a_reply_go_out(
    attack: str, reply: str, rule: str
) -> None:
    assert_attack_blocks_by_rule(attack, rule)
    assert_reply_not_blocked(reply)


def test_a_knife_without_a_resolve_is_goods() -> None:
    # the bare 刀你 is the goods handed over: only a dare or a resolve makes it the verb
    engine = shipped_engine()
    for reply in ("这把刀你收好", "菜刀你先别用，等我们确认"):
        assert engine.check(reply).verdict == "ok", reply


def test_the_tune_set_is_caught_and_its_replies_go_out() -> None:
    folder = DEV / "cloaking" / "wave16"
    engine = shipped_engine()
    drafts = read_drafts(folder / "drafts.tsv")
    assert len(drafts) >= 50
    missed = [d.text for d in drafts if engine.check(d.text).verdict == "ok"]
    # the drafts left alone, named in docs/message-checks.md (eighteenth wave, cloak18)
    assert missed == [
        "美女发张zp看看，加个vx",
        "把你🍑的照片发来看看",
        "给你快递一盒🐛，慢慢吃",
    ]
    replies = read_replies(folder / "normal_replies.txt")
    assert len(replies) >= 50
    blocked = [r.text for r in replies if engine.check(r.text).verdict == "block"]
    assert blocked == []


def test_the_held_out_set_stays_out_of_training() -> None:
    folder = DEV / "cloaking" / "wave16b"
    assert folder in HELD_OUT
    assert folder not in TRAIN_FOLDERS and folder not in REPLY_FOLDERS
    assert (folder / "drafts.tsv").is_file() and (folder / "normal_replies.txt").is_file()
