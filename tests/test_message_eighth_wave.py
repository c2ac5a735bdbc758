"""Threats of the eighth wave: a short threat said to the buyer as the whole message (rule
threat.short), veiled threats read by the learned model behind a narrower cue than
threat.overall's (rule threat.veiled; classes ours, frequent, belongings, fragile, heed, means,
plenty in rules/message/slots.toml), and a campaign until the buyer acts. Real engine over the
shipped rules; a user rules folder replaces the model with one that says yes to everything, to
show what the cue decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import engine_saying_yes, fires, rule_ids, shipped_engine

# written for this test after the rules (not a blind measure)
SHORT = [
    "你死定了你",
    "你就等着吧",
    "小心点吧你",
    "你玩完了",
    "你有种试试",
    "走着瞧你",
    "你會後悔的",
]
# the same words, said as help, advice or a question, or to no one
SHORT_ORDINARY = [
    "你先试试，不行再找我",
    "您试试看",
    "你再试试",
    "你试一下",
    "你完了告诉我一声",
    "你完了吗",
    "小心点拿，别摔了",
    "不买你会后悔的",
    "等着吧，过两天就补货了",
    "您小心点",
]
VEILED = [
    "您公司楼下那家咖啡店，我们同事每天都去，早晚能碰到您",
    "我们的人在你单位附近天天经过，打个招呼很方便",
    "你那台电动车每天停楼下，哪天被扎了胎可别怪别人",
    "你的地址我们一直都记着，改天有空过去拜访一下",
    "您小区门口那家超市我们老板常去，说不定哪天就遇上了",
]
VEILED_ORDINARY = [
    "您公司楼下如果有驿站，可以放驿站",
    "我们同事每天都去仓库盘点，库存准确",
    "你的地址我们一直都记着，下次下单不用重新填",
    "对付油污，这款清洁剂的办法多得很",
    "电动车停楼下的话，建议买个车罩防晒",
    "亲，解决问题的办法有的是，您别着急",
    "我们的人每天经过你们小区送货，很方便",
    "您住的小区我们每天都有车过去",
]


@pytest.mark.parametrize("text", SHORT)
def test_a_short_threat_said_to_the_buyer_blocks(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block"
    assert "threat.short" in rule_ids(text) or "threat.menace" in rule_ids(text)


def test_the_short_threat_rule_needs_nothing_but_the_shape() -> None:
    # caught by threat.short alone: no term of threat.menace holds them
    for text in ("你死定了你", "小心点吧你", "你玩完了", "你有种试试"):
        assert "threat.short" in rule_ids(text), text


@pytest.mark.parametrize("text", SHORT_ORDINARY)
def test_short_help_and_advice_pass(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok"


@pytest.mark.parametrize("text", VEILED)
def test_veiled_threats_block(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block"
    assert "threat.veiled" in rule_ids(text)


@pytest.mark.parametrize("text", VEILED_ORDINARY)
def test_replies_with_the_words_of_a_veiled_threat_pass(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok"


def test_the_veiled_cue_alone_is_no_finding(tmp_path: Path) -> None:
    # a cue the shipped model scores low: the agent's people near the buyer's place, delivering
    text = "您在科技园上班的话，我们同事每天都经过那边，那里新开了我们的体验店"
    assert not fires(shipped_engine(), text, "threat.veiled")
    # with a model that says yes, the same cue counts; the service words clear it either way
    engine = engine_saying_yes(tmp_path)
    assert fires(engine, text, "threat.veiled")
    assert fires(engine, "对付你这种买家，我们法子多得很", "threat.veiled")
    assert not fires(engine, "您住的小区我们每天都有车过去", "threat.veiled")
    assert not fires(engine, "办法有的是，我们一定帮您把问题解决", "threat.veiled")
    assert not fires(engine, "您公司楼下我们同事每天都去送货，可以帮您捎上去", "threat.veiled")
    assert not fires(
        engine, "您单位旁边那家店我们老板常去，东西可以放那儿您下班顺路拿", "threat.veiled"
    )


def test_a_dare_on_the_buyers_own_act_blocks() -> None:
    assert "threat.short" in rule_ids("差评不改？你要敢不改试试")
    assert "threat.short" in rule_ids("有种你别删")
    # a dare on no act of the buyer's is a product's challenge; defiance is a tone warning
    assert shipped_engine().check("你敢试试这个辣度吗").verdict == "ok"
    assert "threat.short" not in rule_ids("有本事你去告啊")


def test_a_campaign_until_the_buyer_acts_blocks() -> None:
    assert "harassment.campaign" in rule_ids("短信电话微信，我们会持续联系您直到您处理")
    assert shipped_engine().check("我们会持续联系您，直到您的售后处理完成").verdict == "ok"


def test_calls_more_often_than_any_follow_up_block() -> None:
    assert "harassment.campaign" in rule_ids("你的号码已经设成自动拨号，每十分钟一次")
    assert "harassment.campaign" in rule_ids("我给你留了二十多条消息了，回一下吧")
    assert shipped_engine().check("物流每半小时更新一次，您可以随时查看").verdict == "ok"
    assert shipped_engine().check("我给您发了二十多张实拍图片，您看看颜色").verdict == "ok"


def test_knowing_where_the_buyer_works_place_first() -> None:
    assert "threat.workplace" in rule_ids("我们晓得你单位在哪里，你自己当心")
    assert shipped_engine().check("我们晓得您单位在哪里，快递直接送到单位").verdict == "ok"


def test_training_never_reads_the_eighth_waves_blind_set() -> None:
    blind = DEV / "structure" / "wave8b"
    assert blind in HELD_OUT
    assert blind not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)


# written for this test after the rules (not a blind measure): a parting menace said to no one
UNADDRESSED = [
    "别后悔啊",
    "那就等着瞧吧",
    "后果自负！",
    "自求多福吧",
    "别怪我们没警告过你",
    "有你好受的",
]
UNADDRESSED_ORDINARY = [
    "别后悔买晚了，今天最后一天活动",
    "等着吧，明天就到",
    "使用不当后果自负，请按说明书操作",
    "这事没完成吧，我再催一下",
    "祝您好自为之的那本书早日到货",
]


@pytest.mark.parametrize("text", UNADDRESSED)
def test_a_parting_menace_as_the_whole_message_blocks(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block"
    assert "threat.short" in rule_ids(text) or "threat.menace" in rule_ids(text)


@pytest.mark.parametrize("text", UNADDRESSED_ORDINARY)
def test_a_parting_menace_word_inside_a_reply_is_not_threat_short(text: str) -> None:
    assert "threat.short" not in rule_ids(text)


def test_the_buyers_people_watched_block_and_a_sale_to_them_passes() -> None:
    # written for this test after the rules: the buyer's people, their round, care urged
    assert "threat.watched" in rule_ids("您儿子每天放学一个人回家吧，路上可得小心")
    assert "threat.watched" in rule_ids("你老婆每天下班都挺晚的，注意安全啊")
    for text in (
        "您儿子放学回家的话，这款书包的反光条很安全",
        "您爱人下班晚的话，可以送到驿站，注意安全",
    ):
        assert shipped_engine().check(text).verdict == "ok", text


def test_a_mishap_bound_to_come_and_a_marked_account_need_the_model(tmp_path: Path) -> None:
    engine = engine_saying_yes(tmp_path)
    assert fires(engine, "出门在外，意外这种事谁也说不好，您自己掂量", "threat.veiled")
    assert fires(engine, "您的买家号已经被我们标记了，以后下单会受影响", "threat.veiled")
    # goods damaged in transit, insurance, an account said to be safe: replies
    assert not fires(engine, "运输途中意外在所难免，破损我们补发", "threat.veiled")
    assert not fires(engine, "您的账号不会受到影响，请放心", "threat.veiled")


def test_the_chat_published_by_the_agents_side_blocks() -> None:
    assert "threat.exposure" in rule_ids("再不改，我们就把聊天截图公开到本地论坛")
    for text in ("我们会把聊天记录转给售后同事核实", "我们不会把聊天记录公开，请放心"):
        assert shipped_engine().check(text).verdict == "ok", text


def test_a_fall_onto_people_is_a_damage_the_veiled_cue_reads(tmp_path: Path) -> None:
    engine = engine_saying_yes(tmp_path)
    assert fires(engine, "你家那辆车停在广告牌下面，哪天掉下来砸到可就麻烦了", "threat.veiled")
    assert not fires(engine, "您的车停好就行，这款车衣不会掉下来", "threat.veiled")
