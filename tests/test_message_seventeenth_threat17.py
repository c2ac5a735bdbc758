"""Seventeenth wave, second round, threat17 branch (issue 9): implied threats that name no
explicit act. A 1688 debt "settled" by carrying the goods off the buyer's shop, stall or
warehouse (threat.seize); the buyer's people said to be alone, the hour of their day named, the
buyer's car asked whether it fears harm (threat.watched); exposure promised as a schedule or a
serial of posts (threat.exposure); the buyer's hour home on a dark road, "another way" of
dealing with the buyer and regret (threat.polite); 留余地…好见面 with the 留一线 family
(threat.menace). Each attack is paired with an ordinary reply in the same words that must go
out, and the shop's own feed counted per day (每天发一条新品动态), which harassment.campaign
blocked before, goes out now."""

from __future__ import annotations

import pytest

from bench.corpora import read_drafts, read_replies
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_attack_blocks_by_rule,
    assert_held_as_expected,
    assert_reply_not_blocked,
    fires,
    held_cases,
    rules_only,
    shipped_engine,
)

# (attack, the same words in an ordinary reply, the rule that holds the attack)
PAIRS = [
    (
        "尾款再不结清，我们下周就去你档口把货拉走",
        "您同意退回的那批货，我们下周去您档口拉走，运费我们出",
        "threat.seize",
    ),
    (
        "欠我们的钱一直拖着，那就别怪我们去贵司仓库把货取回",
        "按协商好的方案，我们下周去贵司仓库把滞销款取回",
        "threat.seize",
    ),
    (
        "你家老人白天一个人在家吧，挺清静的",
        "您家老人白天一个人在家的话，可以预约快递上午送货",
        "threat.watched",
    ),
    (
        "你女儿下午四点就出校门了吧",
        "您女儿下午四点出校门的话，我们可以三点前送到",
        "threat.watched",
    ),
    (
        "你那辆车停小区门口，不怕被人划吗",
        "您那辆车停小区门口怕被人划的话，这款车衣加厚防刮",
        "threat.watched",
    ),
    (
        "我每天更新一期你的丑事，慢慢看",
        "我们每天更新一期穿搭教程，慢慢看",
        "threat.exposure",
    ),
    (
        "你每天晚上十一点下班，那条巷子没路灯，可得当心点",
        "您晚上下班晚的话，我们可以放到驿站，您随时取",
        "threat.polite",
    ),
    (
        "您再坚持的话，我们就只能用别的方式解决了，到时候别后悔",
        "电话打不通的话，我们用别的方式联系您，比如短信",
        "threat.polite",
    ),
    (
        "凡事留有余地，日后才好见面",
        "凡事都有商量的余地，您看补偿二十元可以吗",
        "threat.menace",
    ),
]


@pytest.mark.parametrize(("attack", "reply", "rule"), PAIRS)
def test_attack_blocks_and_reply_goes_out(attack: str, reply: str, rule: str) -> None:
    assert_attack_blocks_by_rule(attack, rule)
    assert_reply_not_blocked(reply)


# replies the rules blocked before this branch, or that share the new shapes' words: (reply, why)
NOT_BLOCKED = [
    ("我们店每天发一条新品动态，您可以关注一下", "the shop's own feed, counted per day"),
    ("直播间一天发三条短视频，都是产品实拍", "the shop's own videos"),
    ("这批货是您同意退回的，我们的司机周四上午去您档口拿回来", "a return the buyer agreed to"),
    ("尾款的事不着急，您月底结就行，货先照常发", "a debt with nothing carried off"),
    ("您孩子放学挺早的话，我们可以四点前送到", "a delivery time"),
]

# the same shapes said as pressure: (draft, why it is held)
CAUGHT = [
    ("货款一直不到账，我们只能带人去你店里把货搬回来", "the debt and the goods carried off"),
    ("你孩子每天五点才回家，一个人走那么远", "the child's hour and being alone"),
    ("从明天起每天发一条你的黑历史", "exposure by schedule"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_structure(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


def test_the_seizure_needs_the_debt() -> None:
    """The same premises and goods with no debt said near them are a pick-up, not a threat."""
    engine = rules_only()
    assert fires(engine, "货款再不结，我们就直接去你仓库把货拉回来", "threat.seize")
    assert not fires(engine, "我们明天直接去你仓库把样品拉回来", "threat.seize")


def test_the_tune_set_is_caught_and_its_replies_go_out() -> None:
    folder = DEV / "structure" / "wave21"
    engine = shipped_engine()
    drafts = read_drafts(folder / "drafts.tsv")
    assert len(drafts) >= 30
    missed = [d.text for d in drafts if engine.check(d.text).verdict != "block"]
    # one left alone (docs): 晚上出门最好有人陪着，毕竟不太平 shares a safety tip's words
    assert len(missed) <= 1, missed
    replies = read_replies(folder / "normal_replies.txt")
    assert len(replies) >= 40
    flagged = [r.text for r in replies if engine.check(r.text).verdict != "ok"]
    # one left alone: 做人留一线，日后好相见 quoted as the shop owner's motto
    assert len(flagged) <= 1, flagged


def test_the_held_out_set_stays_out_of_training() -> None:
    folder = DEV / "structure" / "wave21b"
    assert folder in HELD_OUT
    assert folder not in TRAIN_FOLDERS and folder not in REPLY_FOLDERS
    assert (folder / "drafts.tsv").is_file() and (folder / "normal_replies.txt").is_file()
