"""Threats and campaigns of the sixth wave by word class (rules threat.standing, threat.reach,
harassment.reached, and the dispute tier threat.pressed / harassment.pressed that the learned
model confirms at 0.9; classes standing, lose, unhinged, unsettled, care, exposed in
rules/message/slots.toml). Each structure is caught over its class words; the same words in an
ordinary reply (the platform's rules, a delivery, a service errand, the buyer's right to review)
pass, and the buyer's threat quoted back by the agent is not the agent's."""

from __future__ import annotations

import pytest

from helper.checks.message.learned import FILE_NAME, read_model
from helper.checks.message.rules import SUBDIR
from helper.rulefiles import shipped_rules_dir
from tests.message_support import rule_ids, scenes, shipped_engine

# what the buyer stands to lose, and losing it at the agent's doing
STANDING = ["淘宝号", "账号", "信用分", "征信", "工作", "饭碗"]
LOSE = ["废掉", "被封", "掉光", "保不住", "毁了"]
# the buyer's people the agent says they reached
PEOPLE = ["老公", "爸妈", "同事", "领导", "邻居", "同学"]
CONTACTED = ["打了电话", "私信了", "发了短信"]

# replies with the same words: the platform's rules, a delivery, an errand, a review respected
ORDINARY = [
    "为了您的账号安全，请不要把验证码告诉任何人",
    "您的账号被封的话可以向平台申诉",
    "频繁申请退款的话，账号可能会被平台限制，建议您正常走流程",
    "您让我们联系您家人代收，我们已经给您家人打过电话了",
    "这个问题我们会一直跟进到底，您放心",
    "要不我跟仓库说一下，帮您加急发出",
    "我们一个电话就能让师傅上门帮您安装",
    "您的差评我们看到了，是我们做得不好，会一直改进",
    "您这边评价我们不会干涉，您按真实感受评就好",
    "评价改不改都是您的权利，我们不会再联系您",
    "出门骑行请注意安全，头盔一定要戴好哦",
    "亲，自行拆机后就不在保修范围内了，后果需要您自己承担，请谨慎操作",
    "我们不会因为评价联系您家人或者单位，这一点您放心",
]


@pytest.mark.parametrize("standing", STANDING)
@pytest.mark.parametrize("lose", LOSE)
def test_standing_lost_at_the_agents_doing_is_a_threat(standing: str, lose: str) -> None:
    assert "threat.standing" in rule_ids(f"你再闹，我就让你的{standing}{lose}")


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("contacted", CONTACTED)
def test_the_buyers_people_contacted_is_harassment(person: str, contacted: str) -> None:
    assert "harassment" in scenes(f"我给你{person}也{contacted}，让他劝劝你")


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_replies_with_the_same_words_pass(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok"


def test_contact_going_on_without_a_number_is_harassment() -> None:
    assert "harassment.reached" in rule_ids("我会坚持联系你，反正我闲着也是闲着")
    assert "harassment.reached" in rule_ids("我就一直发一直发，发到你手机卡死")


def test_reach_into_the_buyers_circle_is_a_threat() -> None:
    assert "threat.reach" in rule_ids("我认识你们学校的老师，要不要我跟他说说你在网上都干了什么")
    assert "threat.reach" in rule_ids("我一个电话就能让你们小区物业来找你，你信不信")


def test_the_dispute_tier_needs_the_model() -> None:
    # the cue (a dispute near the listener) is there in both; only the threat scores >= 0.9
    assert "threat.pressed" in rule_ids("差评不删？那你出门记得回头看看")
    assert rule_ids("您的差评我们看到了，售后会电话联系您了解情况") == set()


def test_the_dispute_tier_needs_the_cue() -> None:
    # the model reads this as a threat, but there is no dispute, no loss of control, no unsettled
    # matter and no care word: the tier adds nothing on the model's word alone
    text = "你这种人我见多了"
    model = read_model(shipped_rules_dir() / SUBDIR / FILE_NAME)
    assert model.score(text) >= 0.9
    assert not {"threat.pressed", "harassment.pressed"} & rule_ids(text)


def test_the_buyers_threat_quoted_back_is_not_the_agents() -> None:
    text = "您说“再给差评我就让你的淘宝号废掉”，这句话我们已经按平台规定上报了"
    assert "threat" not in scenes(text)


@pytest.mark.parametrize("maim", ["撕烂", "打烂", "缝上", "打断"])
@pytest.mark.parametrize("body", ["嘴", "腿", "脸", "狗头"])
def test_violence_at_a_part_of_the_body_is_a_threat(maim: str, body: str) -> None:
    assert "threat.reckoning" in rule_ids(f"再废话{maim}你的{body}")


def test_found_or_remembered_is_a_threat_only_said_to_the_familiar_you() -> None:
    assert "threat.reckoning" in rule_ids("我们已经找到你了")
    assert shipped_engine().check("我们已经找到您的包裹了，在驿站").verdict == "ok"
    assert shipped_engine().check("我记住您的尺码了，下次直接给您留货").verdict == "ok"
    assert shipped_engine().check("这款裤子今天打折，您的腿长可以免费改").verdict == "ok"


def test_a_wider_confirmed_finding_never_hides_a_graver_one_of_its_scene() -> None:
    # threat.pressed (ordinary) spans the whole message around threat.condition (serious): the
    # check reports the serious one, with its penalty, and not the ordinary one over it
    text = "你这个傻逼，再投诉我就去你家找你"
    assert {"threat.pressed", "threat.condition"} <= rule_ids(text)
    threats = [f for f in shipped_engine().check(text).findings if f.scene == "threat"]
    assert [(f.rule_id, f.severity) for f in threats] == [("threat.condition", "serious")]
