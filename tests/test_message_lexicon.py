"""The graded lexicon (rules/message/lexicon/), the real-word gate and mailing that needs the act:
every example of issue 9 behaves as the issue says."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from helper.checks.message.engine import MessageEngine
from helper.checks.message.rules import lint_rules, load_rulebook
from helper.checks.message.words import Dictionary, WordGate
from helper.rulefiles import shipped_rules_dir
from tests.message_support import shipped_engine

# (draft, the lexicon category that blocks it) — the issue's examples
BLOCKED = [
    ("卧槽", "profanity"),
    ("我靠", "profanity"),
    ("尼玛", "profanity"),
    ("妈蛋", "profanity"),
    ("你TM有完没完", "profanity"),
    ("垃圾", "contempt"),
    ("你这人真恶心", "contempt"),
    ("你算什么东西", "contempt"),
    ("穷鬼别买", "contempt"),
    ("我是你爹", "kinship"),
    ("出门被车撞", "curses"),
    ("你妈炸了", "curses"),
    ("你脑子被狗吃了吧", "curses"),
    # 黑命贵 said to no one only warns (discrimination has untargeted = "warn"):
    # tests/test_message_precision.py
    ("你这个蛮子", "discrimination"),
]

# ordinary replies a real shop sends, with the words that sound like or contain a term
PASSES = [
    "送给妈妈的礼物选这款",
    "中国男装品牌，版型很正",
    "我靠近门口放了",
    "坏果烂货包赔",
    "脓包型痘痘建议用这款",
    "这款渣男风外套很百搭",
    "变态辣口味的鸡翅卖完了",
    "给你爷爷买的拐杖选这款",
    "你妹妹穿S码就可以",
    "我也是个文盲，看不懂英文说明书",
    "首先向您致歉哈",
    "你真是个不明智的人",
    "我们先致歉，再为您处理",
    "您的服务单已经提交",
    "代理的收益很可观",
    "之前的订单已经发货了",
    "垃圾袋已经随箱附赠",
    "孕吐恶心的话可以少量多餐",
    "这款是买给爸爸的吗？",
    "狗粮和猫砂都有货",
    "猪肉脯今天发货",
    "鸡翅、鸭脖都是真空包装",
    "他马上给您回电话",
    "我操作一下退款，您稍等",
    "品牌™商标已注册",
    # a respelling one character short of the term (娇吧 keys like 叫爸爸: repeats collapse)
    "这个女明星是阿娇吧",
    "游戏里叫野来帮忙，这款鼠标很顺手",
]


@pytest.mark.parametrize(("text", "category"), BLOCKED)
def test_issue_examples_are_blocked(text: str, category: str) -> None:
    result = shipped_engine().check(text)
    assert result.verdict == "block"
    assert [f.category for f in result.findings] == [category] or category in {
        f.category for f in result.findings
    }, [(f.rule_id, f.term) for f in result.findings]


@pytest.mark.parametrize("text", PASSES)
def test_everyday_replies_pass(text: str) -> None:
    # the rules alone: the learned second opinion may add an advisory reminder, never a block
    result = MessageEngine(shipped_engine().rules).check(text)
    assert result.verdict == "ok", [(f.rule_id, f.term, f.match) for f in result.findings]
    assert shipped_engine().check(text).verdict != "block"


def test_a_target_turns_an_everyday_word_into_an_insult() -> None:
    engine = shipped_engine()
    assert MessageEngine(engine.rules).check("有点恶心的话可以停用").verdict == "ok"
    [finding] = engine.check("你这种人恶心").findings
    assert (finding.rule_id, finding.term) == ("insult.contempt.aimed", "恶心")


def test_a_homophone_that_is_not_a_word_still_counts() -> None:
    [finding] = shipped_engine().check("寄一箱纸前给你").findings
    assert (finding.rule_id, finding.term, finding.match) == ("mailing.funeral", "纸钱", "纸前")


def test_a_two_character_term_counts_with_one_character_respelled() -> None:
    rules_only = MessageEngine(shipped_engine().rules)
    [finding] = rules_only.check("墙奸犯").findings
    assert (finding.rule_id, finding.term, finding.match) == (
        "insult.sexual.serious",
        "强奸",
        "墙奸",
    )
    [finding] = rules_only.check("你真是个傻比").findings
    assert (finding.category, finding.term) == ("intellect", "傻逼")
    # both characters respelled is an ordinary phrase far too often (你个 for 尼哥); one kept
    # inside an everyday word is that word (国难 for 国男, 有人要 for 人妖)
    assert rules_only.check("你个智樟").verdict == "block"
    # a letter stands for a syllable beside the term's own character (你个傻B), never beside
    # an everyday one (过N for 蝈蝻, N个 for 尼哥)
    assert rules_only.check("你个傻B").verdict == "block"
    for text in (
        "你个子多高",
        "国难当头",
        "有人要吗",
        "这个人要退货",
        "弱质的花草要放阴凉处",
        "这款我看过N次了",
        "N个颜色随便选",
    ):
        assert rules_only.check(text).verdict == "ok", text


def test_phrases_of_three_characters_count_in_sound_alike_spellings() -> None:
    rules_only = MessageEngine(shipped_engine().rules)
    for text, term in (
        ("看着就饿心", "看着就恶心"),
        ("令人作欧", "令人作呕"),
        ("素质真查", "素质真差"),
    ):
        # every reading, not only the one kept per stretch: a slot rule of the same scene may
        # read the stretch too (令人作欧 is also insult.disgust), and an unhedged reading is kept
        every = rules_only.check(text, one_per_span=False).findings
        assert ("contempt", term) in {(f.category, f.term) for f in every}, text


def test_contempt_for_a_group_is_an_insult_and_its_condemnation_is_not() -> None:
    rules_only = MessageEngine(shipped_engine().rules)
    for text in ("你们河南人素质就是低", "我就是看不起农村人", "女司机就是开车不行"):
        [finding] = rules_only.check(text).findings
        assert (finding.rule_id, finding.category) == ("insult.group_contempt", "discrimination")
    for text in ("我们从不歧视外地人", "歧视残疾人是不对的", "您说我们歧视外地人，真的没有"):
        assert rules_only.check(text).verdict == "ok", text


def test_a_name_the_agent_calls_themselves_is_no_insult() -> None:
    rules_only = MessageEngine(shipped_engine().rules)
    for text in ("我真是笨死了，把您的地址写错了", "我们家的猪队友给您发错了", "客服也是草包一个"):
        assert rules_only.check(text).verdict == "ok", text
    # a target near it, or the speaker further away, and it is an insult again; profanity
    # is profanity whoever says it
    for text in ("我看你就是个傻子", "我们不欢迎穷鬼", "我真他妈服了"):
        assert rules_only.check(text).verdict == "block", text


def test_mailing_needs_the_act() -> None:
    engine = shipped_engine()
    bare = engine.check("寿衣有什么讲究吗")
    assert bare.verdict == "warn"
    assert [(f.scene, f.rule_id, f.penalty) for f in bare.findings] == [
        ("tone", "tone.funeral_mention", None)
    ]
    sent = engine.check("给你寄一套寿衣", "taobao")
    assert sent.verdict == "block"
    assert [f.rule_id for f in sent.findings] == ["mailing.funeral"]  # no reminder on top
    assert sent.findings[0].penalty is not None


def test_every_category_of_the_issue_is_there_with_examples() -> None:
    book = load_rulebook([shipped_rules_dir()])
    lexicon = [rule for rule in book.rules if rule.label]
    assert {rule.category for rule in lexicon} >= {
        "profanity", "sexual", "animals", "intellect", "contempt", "kinship", "curses",
        "discrimination",
    }  # fmt: skip
    for category in {rule.category for rule in lexicon}:
        rules = [rule for rule in lexicon if rule.category == category]
        assert any(rule.flag for rule in rules) and any(rule.passes for rule in rules), category
    terms = sum(len(rule.terms) + len(rule.exact_terms) for rule in lexicon)
    assert terms > 1000


def _lexicon(folder: Path, name: str, text: str) -> Path:
    (folder / "message" / "lexicon").mkdir(parents=True, exist_ok=True)
    path = folder / "message" / "lexicon" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


HEAD = """\
    [lexicon]
    category = "rude"
    scene = "insult"
    label = "粗话"
    message = "粗话"
    why = "原因"
    suggestion = "亲，您好"
    flag = ["坏蛋"]
    pass = ["好蛋糕"]
"""


def test_lexicon_problems_name_file_and_line(tmp_path: Path) -> None:
    _lexicon(
        tmp_path,
        "a.toml",
        HEAD
        + """
    [[entries]]
    severity = "grave"
    terms = ["坏蛋"]

    [[entries]]
    severity = "ordinary"
    sounds_alike = true
    terms = [
      "渣渣",
      "坏蛋",
    ]
    """,
    )
    problems = [str(problem) for problem in lint_rules([tmp_path])]
    assert any("a.toml:12" in p and "severity must be one of" in p for p in problems), problems
    assert any("a.toml:19" in p and "'渣渣'" in p and "sounds_alike" in p for p in problems)
    assert any("a.toml:20" in p and "listed twice" in p for p in problems), problems


def test_lexicon_entries_become_rules_by_severity_and_target(tmp_path: Path) -> None:
    _lexicon(
        tmp_path,
        "a.toml",
        HEAD
        + """
    [[entries]]
    severity = "ordinary"
    terms = ["坏蛋"]

    [[entries]]
    severity = "ordinary"
    target = true
    terms = ["讨嫌"]

    [[context]]
    id = "target"
    terms = ["你"]
    """,
    )
    engine = MessageEngine.load([tmp_path])
    assert [rule.id for rule in engine.rules.book.rules] == ["insult.rude", "insult.rude.aimed"]
    assert [f.rule_id for f in engine.check("坏蛋").findings] == ["insult.rude"]
    assert engine.check("讨嫌的天气").findings == ()
    assert [f.term for f in engine.check("你真讨嫌").findings] == ["讨嫌"]


def test_a_term_typed_as_written_names_its_finding(tmp_path: Path) -> None:
    # 拉圾 (a sound-alike entry) reads 垃圾 too: both hit the same stretch of one rule, and
    # the finding (and so an allowance made from it) names the word the agent typed
    for order in (("拉圾", "垃圾"), ("垃圾", "拉圾")):
        _lexicon(
            tmp_path,
            "a.toml",
            HEAD
            + f"""
    [[entries]]
    severity = "ordinary"
    sounds_alike = true
    terms = ["{order[0]}"]

    [[entries]]
    severity = "ordinary"
    sounds_alike = true
    terms = ["{order[1]}"]
    """,
        )
        engine = MessageEngine.load([tmp_path])
        for typed in ("垃圾", "拉圾"):
            assert [(f.term, f.match) for f in engine.check(typed).findings] == [(typed, typed)]


def test_the_gate_reads_a_real_dictionary(tmp_path: Path) -> None:
    words = tmp_path / "dict.txt"
    words.write_text("致歉 62 v\n垃圾袋 6 n\n煞笔 3 n\n", encoding="utf-8")
    gate = WordGate(Dictionary(words), {"纸钱", "垃圾", "傻逼"})
    assert not gate.counts("首先致歉", 2, 4, "纸钱")  # an everyday word typed
    assert gate.counts("寄点纸前", 2, 4, "纸钱")  # not a word: a cloak
    assert gate.counts("煞笔", 0, 2, "傻逼")  # in the dictionary, but rare
    assert not gate.counts("垃圾袋", 0, 2, "垃圾")  # held by a longer word
    assert gate.counts("你是垃圾", 2, 4, "垃圾")
    assert gate.counts("zhiqian", 0, 7, "纸钱")  # pinyin: no Chinese word to mistake


def test_a_term_as_written_counts_only_where_the_text_reads_as_it(tmp_path: Path) -> None:
    words = tmp_path / "dict.txt"
    counts = {
        "妈妈": 4525,
        "的": 318825,
        "妈": 5014,
        "中国": 129470,
        "男装": 96,
        "逼真": 241,
        "傻": 2114,
        "真": 19988,
        "烦": 2000,
        "我": 328841,
        "靠": 8829,
        "靠近": 946,
        "近": 5000,
        "中": 20000,
        "国": 20000,
        "男": 8000,
        "装": 9000,
    }
    words.write_text("".join(f"{w} {c} n\n" for w, c in counts.items()), encoding="utf-8")
    gate = WordGate(Dictionary(words), {"妈的", "国男", "傻逼", "我靠"})
    assert not gate.counts("送给妈妈的", 3, 5, "妈的")  # 妈妈/的
    assert not gate.counts("中国男装", 1, 3, "国男")  # 中国/男装
    assert not gate.counts("我靠近门", 0, 2, "我靠")  # 我/靠近
    assert gate.counts("傻逼真烦", 0, 2, "傻逼")  # 傻逼/真/烦, not 傻/逼真/烦
    assert gate.counts("我靠真烦", 0, 2, "我靠")  # single characters never clear a hit
    assert gate.counts("他妈的", 1, 3, "妈的")


def test_a_term_split_into_two_everyday_words_is_those_words(tmp_path: Path) -> None:
    words = tmp_path / "dict.txt"
    counts = {"包装": 910, "逼真": 241, "真的": 6277, "包": 5289, "装": 6904, "真": 19988}
    words.write_text("".join(f"{w} {c} n\n" for w, c in counts.items()), encoding="utf-8")
    gate = WordGate(Dictionary(words), {"装逼", "傻逼"})
    # the term's weight makes 包/装逼/真的 the likeliest reading; 包装|逼真 wins anyway
    assert not gate.counts("包装逼真的假花", 1, 3, "装逼")
    assert gate.counts("别装逼真的", 1, 3, "装逼")  # 别装 is no word
    assert gate.counts("傻逼真烦", 0, 2, "傻逼")  # nothing ends at 傻


def test_the_dictionary_is_read_once_on_first_need_or_when_warmed(tmp_path: Path) -> None:
    words = tmp_path / "dict.txt"
    words.write_text("致歉 62 v\n明白 40 v\n", encoding="utf-8")
    lazy, warmed = Dictionary(words), Dictionary(words)
    assert not lazy.loaded
    assert lazy.count("致歉") == 62 and lazy.loaded
    warmed.warm()
    words.unlink()  # read already: no second read
    assert warmed.loaded and warmed.count("致歉") == 62 and warmed.count("明智") == 0
    assert warmed.total == 102 and lazy.total == 102  # read with the counts, not later


def test_the_gate_remembers_answers_only_for_the_text_asked_about(tmp_path: Path) -> None:
    # the gate keeps its dictionary answers for the last text only: the same span of
    # another text (here: one hit's span, alternately in texts that read differently) is
    # answered afresh, as a new gate answers it
    words = tmp_path / "dict.txt"
    words.write_text("中国 129470 n\n男装 96 n\n男人 5000 n\n我 328841 n\n", encoding="utf-8")
    terms = {"国男"}
    questions = [("中国男装", 1, 3), ("国男真烦", 0, 2), ("中国男人", 1, 3), ("一国男子", 1, 3)]
    fresh = [WordGate(Dictionary(words), terms).counts(v, f, t, "国男") for v, f, t in questions]
    assert fresh == [False, True, False, True]
    gate = WordGate(Dictionary(words), terms)
    answers = dict(zip(questions, fresh, strict=True))
    for question in (questions + questions[::-1]) * 2:
        view, first, last = question
        assert gate.counts(view, first, last, "国男") == answers[question], question
        assert gate.counts(view, first, last, "国男") == answers[question], question  # kept


def test_a_name_someone_else_called_the_buyer_is_no_insult_in_complaint_handling() -> None:
    rules_only = MessageEngine(shipped_engine().rules)
    for text in (
        "您反馈快递员骂您神经病，我们已经向快递公司投诉了",
        "您说快递员骂您“脑子有病”，我们非常抱歉",
        "上门取件的师傅说您穷酸，我们会要求他道歉",
        "親，您反饋快遞員罵您神經病，我們已經投訴了",
    ):
        assert rules_only.check(text).verdict == "ok", text
    # no handling word, a target near, or the agent agreeing: an insult again
    for text in (
        "大家都说您是神经病",
        "快递员说您是神经病，你就是神经病，投诉也没用",
        "驿站老板说您是神经病，我们也觉得你有病",
    ):
        assert rules_only.check(text).verdict == "block", text


def test_a_report_frame_needs_both_contexts(tmp_path: Path) -> None:
    _lexicon(tmp_path, "a.toml", HEAD + '    reported_context = "reported"\n')
    problems = [str(problem) for problem in lint_rules([tmp_path])]
    assert any("reported_context and handled_context go together" in p for p in problems)


def test_a_lexicon_may_name_contexts_that_clear_a_hit(tmp_path: Path) -> None:
    # unless_near in the [lexicon] head: a word mentioned (坏蛋这个词) is not said to anyone,
    # while the same word used stays an insult; an unknown context id is a lint problem
    _lexicon(
        tmp_path,
        "a.toml",
        HEAD.replace('flag = ["坏蛋"]', 'unless_near = ["mention"]\n    flag = ["坏蛋"]')
        + """
    [[entries]]
    severity = "ordinary"
    terms = ["坏蛋"]

    [[context]]
    id = "mention"
    terms = ["这个词"]
    """,
    )
    engine = MessageEngine.load([tmp_path])
    assert engine.check("坏蛋这个词是书里的").findings == ()
    assert [f.term for f in engine.check("你这个坏蛋").findings] == ["坏蛋"]
    broken = tmp_path / "broken"
    _lexicon(
        broken,
        "a.toml",
        HEAD.replace('flag = ["坏蛋"]', 'unless_near = ["nope"]\n    flag = ["坏蛋"]')
        + """
    [[entries]]
    severity = "ordinary"
    terms = ["坏蛋"]
    """,
    )
    problems = [str(problem) for problem in lint_rules([broken])]
    assert any("nope" in p for p in problems), problems


def test_the_shipped_lexicon_sets_mentioned_words_aside() -> None:
    rules_only = MessageEngine(shipped_engine().rules)
    assert rules_only.check("报应这个词是书名").verdict == "ok"
    assert rules_only.check("天打雷劈那一段是这本书里的台词").verdict == "ok"
    assert rules_only.check("你会遭报应的").verdict == "block"
