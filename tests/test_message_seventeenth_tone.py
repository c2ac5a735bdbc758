"""Seventeenth wave, tone branch: brush-offs (服务态度) by family from a tune set written before the
tone rules were read, and rude words that name no fault of the buyer moved from the insult and
threat readings to tone. Each only warns, with no platform penalty and never a block; the same
words said kindly pass; genuine insults and threats in the same words still block. On the shipped
rules without the scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpora import read_drafts, read_replies
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_insult_blocked_and_innocent_passes,
    assert_tone_warns_and_kind_passes,
    rule_ids,
    rules_only,
)

TUNE = DEV / "tone" / "wave16"
HELD = DEV / "tone" / "wave16b"


@pytest.mark.parametrize(
    ("brush_off", "kind"),
    [
        # nothing the shop can do, as a shrug at a clause end; the same question leading to help
        ("我有什么办法，又不是我让它坏的", "我们有什么办法能帮您，您尽管说"),
        ("快递又不是我们开的", "这个不是我们能决定的，我帮您联系快递"),
        # sent off to the platform as the last word; the platform named as a next step or offered
        ("那您找平台去吧", "您可以找平台去申诉，我们配合举证"),
        ("您自己去找快递吧", "如果我们处理不了，您也可以自己找平台客服介入"),
        # a lecture on what the buyer may ask; a shop's own creed
        ("不是你想换就能换的", "做人做事都要讲诚信"),
        ("做人要讲点道理", "您想换就可以换，七天无理由"),
        # do not come to me; do not make the trip
        ("少来烦我", "别来回跑了，我们上门取件"),
        # the shop will not answer again; a charge that will not repeat
        ("不再重复回复了哦", "不会再重复扣款了，请放心"),
        ("规则写得很清楚，请自行查阅", "说明写得很清楚了，您也可以自行查看物流"),
        # cannot make it out, then do not buy; help offered for what is unclear
        ("搞不懂就别买了", "搞不懂的地方我给您发视频"),
        # whatever, I will not serve you; serving the buyer well
        ("爱咋滴吧", "爱心小礼品已经放在包裹里了"),
        ("恕不奉陪了", "不伺候好您我们过意不去"),
        ("咋这么啰嗦", "您说得很清楚，我明白了"),
        # a hyperbolic count of repeats; thanks said a hundred times
        ("讲八百遍了还不懂", "说一百次谢谢都不够"),
        # told to pay attention; a phrase that only shares the characters
        ("能不能走点心", "长点心眼的买家都会先领券"),
        # whom can the buyer blame; the shop owning the fault
        ("拍错了还能怪谁", "这事怪得了谁呢？怪我们没包好，马上补发"),
        # asking on and on; asking on and on welcomed
        ("问个没完", "问个没完也没关系，这是我们的工作"),
        # asked many times, as a sigh; asked many times, met with sympathy and help
        ("问了很多遍了", "您问了很多次，说明真的很着急，我马上帮您催"),
    ],
)
def test_brush_off_warns_and_kind_words_pass(brush_off: str, kind: str) -> None:
    assert_tone_warns_and_kind_passes(brush_off, kind)


@pytest.mark.parametrize(
    ("reproach", "kind"),
    [
        # shameless, said as a reproach: rude, but no defect of the buyer is named
        ("你好意思吗，用了一个月了还要退", "不好意思让您久等了"),
        ("你还好意思说", "你好，意思是想换大一码吗"),
        ("你怎么好意思说出口", "不好意思，刚才打错字了"),
        ("您倒好意思开口", "您好，意思我明白了，马上处理"),
        # exasperation and brush-offs that were insults in the contempt lexicon
        ("真服了你了", "佩服您的眼光，这款是爆款"),
        ("关你什么事", "关于您的事情我们已经在处理了"),
        ("你管得着吗", "您放心，这个我们管得着，马上处理"),
        ("长点心吧", "点心已经发出，今天到"),
    ],
)
def test_rude_words_naming_no_fault_are_tone_not_insult(reproach: str, kind: str) -> None:
    assert_tone_warns_and_kind_passes(reproach, kind)


@pytest.mark.parametrize(
    ("insult", "innocent"),
    [
        # the same reproach after a defect, a group or a mind stays an insult
        ("长成这样还好意思买衣服", "这件衣服显瘦，很多顾客回购"),
        ("台巴子也好意思来砍价", "台湾地区的订单走海运，七天左右"),
        ("就这点本事吗？还好意思来要赔偿", "我们小店就这点能耐了，尽力给您争取"),
        # the shame the speaker would feel in the buyer's place, then the buyer told off
        (
            "换我早就找个地缝钻进去了，你还好意思来问",
            "换我收到这种货也会生气的，您放心我们马上处理",
        ),
        ("要是我早就没脸见人了，你倒好意思来退", "要是我发错了也会无地自容，是我们的错，给您补发"),
        # uncivil words stay in the contempt lexicon
        ("关你屁事", "关于您的事情我们已经在处理了"),
    ],
)
def test_reproach_with_a_defect_or_shame_still_blocks(insult: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(insult, innocent)


@pytest.mark.parametrize(
    ("brush_off", "kind"),
    [
        # a complaint or review shrugged off across a comma was read as a pressed threat
        ("随便你，差评就差评", "差评也没关系，我们更想先帮您解决问题"),
        # someone found to fit the goods was read as 找人 (sending people)
        ("不会安装就找人装", "不会安装的话就找人装一下，很简单，有视频"),
        # the buyer told not to flood a live room was read as a campaign of contact
        ("直播间别一直刷屏问了，主播没空一条条回", "麻烦您别天天刷屏，一次发完我们逐条回复"),
    ],
)
def test_brush_offs_read_as_threats_or_campaigns_now_only_warn(brush_off: str, kind: str) -> None:
    result = rules_only().check(brush_off)
    assert result.verdict == "warn", (brush_off, rule_ids(brush_off))
    assert {finding.scene for finding in result.findings} == {"tone"}
    assert rules_only().check(kind).verdict != "block", rule_ids(kind)


@pytest.mark.parametrize(
    "threat",
    [
        "你再差评就差评，我天天找人去你家",
        "你不退款我就找人去你家",
        "我天天给你刷屏",
        "我会一直刷屏到你回复为止",
    ],
)
def test_the_same_words_with_a_menace_or_a_campaign_still_block(threat: str) -> None:
    assert rules_only().check(threat).verdict == "block", rule_ids(threat)


def test_every_tune_draft_warns_and_no_tune_reply_draws_a_tone_finding() -> None:
    engine = rules_only()
    drafts = read_drafts(TUNE / "drafts.tsv")
    assert len(drafts) >= 40
    for draft in drafts:
        assert draft.scene == "tone"
        assert engine.check(draft.text).verdict == "warn", (draft.text, rule_ids(draft.text))
    for reply in read_replies(TUNE / "normal_replies.txt"):
        found = {finding.scene for finding in engine.check(reply.text).findings}
        assert "tone" not in found, (reply.text, rule_ids(reply.text))


def test_the_held_out_set_is_held_out() -> None:
    assert HELD in HELD_OUT
    assert HELD not in TRAIN_FOLDERS and HELD not in REPLY_FOLDERS
    assert TUNE not in TRAIN_FOLDERS and TUNE not in REPLY_FOLDERS
    assert Path(HELD / "drafts.tsv").is_file() and Path(HELD / "normal_replies.txt").is_file()
