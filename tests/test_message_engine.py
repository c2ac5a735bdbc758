"""The engine over the shipped rules: evasions are caught, false friends pass, results carry
the platform's penalty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helper.checks.message import MessageEngine, UnknownPlatform
from tests.message_support import rule_ids, shipped_engine

# (draft, the rule that must catch it) — one or more per evasion the issue names
EVASIONS = [
    ("你就是个傻逼", "insult.curse"),  # plain
    ("ＳＢ买家", "insult.curse"),  # full-width
    ("你這個畜牲", "insult.animal"),  # Traditional
    ("他媽的", "insult.curse"),
    ("傻*逼", "insult.curse"),  # separators, punctuation, emoji, zero-width between characters
    ("傻 逼", "insult.curse"),
    ("傻😊逼", "insult.curse"),
    ("傻.逼", "insult.curse"),
    ("傻\u200b逼", "insult.curse"),
    ("傻\u2060逼", "insult.curse"),
    ("狗-东-西", "insult.animal"),
    ("傻傻傻逼", "insult.curse"),  # repeated characters
    ("你等着着着", "threat.menace"),
    ("sb", "insult.curse"),  # pinyin spellings and initials
    ("你是SB吧", "insult.curse"),
    ("shabi", "insult.curse"),
    ("sha bi", "insult.curse"),
    ("cnm", "insult.curse"),
    ("nmsl", "insult.curse"),
    ("tmd", "insult.curse"),
    ("wo tiantian gei ni da dianhua", "harassment.flood"),
    ("煞笔", "insult.curse"),  # homophones
    ("沙比", "insult.curse"),
    ("傻B", "insult.curse"),
    # a term of its own (profanity): read as itself, no longer also as 操你妈 (fifteenth wave)
    ("草泥马", "insult.profanity"),
    ("我要把你暴光", "threat.exposure"),  # 曝 read in context (bao), not alone (pu)
    ("给你寄一套受衣", "mailing.funeral"),
    ("2B", "insult.curse"),  # digits and letters as look-alikes
    ("5B", "insult.curse"),
    ("nm4l", "insult.curse"),
    ("你妈4了", "insult.curse"),
    ("装什么13", "insult.curse"),
    ("给你寄点冥帀", "mailing.funeral"),
    ("信不信我⼈⾁你", "threat.exposure"),  # Kangxi radicals
    ("ｓ ｂ", "insult.curse"),
    ("s.b", "insult.curse"),
    ("我會半 ye 打給你", "harassment.flood"),  # mixed
    ("你給我deng zhe", "threat.menace"),
]

# normal customer-service language that must pass (the list and its neighbours)
FALSE_FRIENDS = [
    "杀价的话我们真的做不到",
    "手机死机了可以长按电源键重启",
    "这款有点笨重，但很结实",
    "狗年限定款还有少量库存",
    "吊牌请不要剪掉，不然不能退换",
    "您的订单会分批发货",
    "您稍等，我帮您查一下",
    "易碎品，已经备注小心轻放",
    "请确认收货地址是否正确",
    "快递员会给您打电话",
    "这款傻瓜相机很适合新手",
    "滚筒洗衣机明天送到",
    "狗狗吃的狗粮和猫砂都有",
    "鸡翅、鸭脖、猪肉脯都是真空包装",
    "颜色有猪肝红、象牙白、驼色、鸭蛋青",
    "USB 接口在左侧",
    "链接是 https://shop.example.com/item.html",
    "订单号20261122SB001已发货",
    "Disburse 已完成",
    "型号是SB-200，SB是Sound Bar的缩写",
    "耳机型号BT-S8",
    "两款选啥比较好呢",
    "包装，避免运输途中磕碰",
    "您妈妈的订单已经发货了",
]


@pytest.mark.parametrize(("text", "rule_id"), EVASIONS)
def test_evasion_is_caught(text: str, rule_id: str) -> None:
    assert rule_id in rule_ids(text)


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_false_friend_passes(text: str) -> None:
    result = shipped_engine().check(text)
    assert result.verdict == "ok", [(f.rule_id, f.match) for f in result.findings]


def test_an_ascii_term_is_a_whole_word() -> None:
    assert rule_ids("USB") == set()
    assert rule_ids("Disburse") == set()
    assert rule_ids("is b") == set()
    assert "insult.curse" in rule_ids("you s b")


def test_exact_terms_do_not_match_homophones() -> None:
    assert rule_ids("本单已经为您加急") == set()  # 笨蛋 sounds like 本单
    assert "insult.curse" in rule_ids("笨蛋")


def test_exception_clears_overlapping_hit_only() -> None:
    assert rule_ids("傻瓜相机") == set()
    assert "insult.curse" in rule_ids("傻瓜相机都不会用，你个傻逼")


def test_context_condition_needs_a_person_nearby() -> None:
    assert rule_ids("猪头肉和猪头都有货") == set()
    assert "insult.animal_aimed" in rule_ids("你个猪头")


def test_quoted_buyer_insult_is_set_aside_only_inside_quotation_marks() -> None:
    # the buyer's words in marks are not the agent's insult or tone...
    assert rule_ids("您说“你们是骗子”，我们理解您的心情") == set()
    assert rule_ids("您刚才说「爱买不买」是哪位客服说的？") == set()
    # ...but an unquoted 你说 leads the agent's own insult, and marks elsewhere change nothing
    assert "insult.contempt" in rule_ids("你说你是什么东西")
    assert "insult.contempt" in rule_ids("“你是什么东西”")


def test_verdict_blocks_every_scene_and_only_warns_on_tone() -> None:
    engine = shipped_engine()
    assert engine.check("您好").verdict == "ok"
    assert engine.check("傻逼").verdict == "block"  # an ordinary insult costs points too
    assert engine.check("傻逼，我知道你住哪").verdict == "block"
    tone = engine.check("爱买不买", "taobao")
    assert tone.verdict == "warn"
    assert [(f.scene, f.severity, f.penalty) for f in tone.findings] == [("tone", "advisory", None)]
    assert engine.check("爱买不买，傻逼").verdict == "block"


def test_finding_names_category_term_and_whether_it_can_be_allowed() -> None:
    engine = shipped_engine()
    (insult,) = engine.check("你就是个煞笔").findings
    assert (insult.category, insult.term, insult.allowable) == ("curse", "傻逼", True)
    assert insult.match == "煞笔"
    threat = engine.check("我知道你住哪").findings[0]
    assert threat.scene == "threat" and threat.allowable is False
    assert threat.to_json()["allowable"] is False
    assert json.loads(engine.check("我知道你住哪").json_text())["findings"][0] == threat.to_json()


def test_finding_carries_everything_the_agent_needs() -> None:
    [finding] = shipped_engine().check("我知道你住哪").findings
    assert finding.rule_id == "threat.address"
    assert finding.scene == "threat"
    assert finding.severity == "serious"
    assert finding.message and finding.why and finding.suggestion.startswith("亲，您好")
    as_json = finding.to_json()
    assert set(as_json) == {
        "rule_id", "scene", "severity", "category", "term", "allowable", "verdict", "start", "end",
        "start_cp", "end_cp", "match", "message", "why", "penalty", "suggestion", "replacement",
    }  # fmt: skip
    assert as_json["replacement"] == ""  # the threat is deleted in place


def test_replacement_is_null_for_a_rule_without_one(tmp_path: Path) -> None:
    folder = tmp_path / "message"
    folder.mkdir()
    (folder / "a.toml").write_text(
        '[[rule]]\nid = "test.word"\nscene = "insult"\nseverity = "ordinary"\n'
        'message = "测试"\nwhy = "测试用"\nsuggestion = "亲，您好！"\nterms = ["坏蛋"]\n'
        'flag = ["你个坏蛋"]\npass = ["您好"]\n',
        encoding="utf-8",
    )
    [finding] = MessageEngine.load([tmp_path]).check("你个坏蛋").findings
    assert finding.replacement is None
    assert finding.to_json()["replacement"] is None
    assert json.loads(finding.json_text())["replacement"] is None


def test_penalty_is_the_platforms_own() -> None:
    engine = shipped_engine()
    taobao = engine.check("傻逼", "taobao").findings[0].penalty
    tmall_intl = engine.check("傻逼", "天猫国际").findings[0].penalty
    assert taobao is not None and tmall_intl is not None
    assert taobao.points == 2 and taobao.payout_yuan == 300
    assert tmall_intl.payout_yuan == 1000
    assert engine.check("傻逼").platform == "taobao"  # the configured default


def test_unknown_platform_is_an_error() -> None:
    with pytest.raises(UnknownPlatform) as raised:
        shipped_engine().check("您好", "jd")
    assert "taobao" in raised.value.known


def test_overlapping_hits_of_one_scene_are_one_finding() -> None:
    every = shipped_engine().check("操你妈的", one_per_span=False).findings
    assert [f.rule_id for f in every].count("insult.curse") == 1
    assert len({f.rule_id for f in every}) > 1  # the lexicon's profanity matches it too
    [finding] = shipped_engine().check("操你妈的").findings
    assert finding.category == "profanity"  # the lexicon's category goes first
    [finding] = shipped_engine().check("你就是个傻逼").findings  # 傻 (aimed) is inside 傻逼
    assert finding.match == "傻逼"


def test_bulk_json_text_is_the_same_object_as_to_json() -> None:
    data = Path(__file__).parent / "data"
    texts = (data / "normal_replies.txt").read_text(encoding="utf-8").splitlines()[:100]
    texts += [row.split("\t")[2] for row in (data / "violations.tsv").read_text(
        encoding="utf-8").splitlines()[1:]]  # fmt: skip
    engine = shipped_engine()
    for number, text in enumerate(texts, start=1):
        for platform in ("taobao", "tmall_intl"):
            result = engine.check(text + '😊\n"\\', platform)  # characters JSON escapes
            assert json.loads(result.json_text(line=number)) == {"line": number, **result.to_json()}
