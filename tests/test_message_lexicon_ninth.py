"""Direct abuse written with evasions (ninth wave): emoji read as the words they stand for
(🐮马, 🐻, 🌿泥马, 🖕), initials and pinyin kept out of English words and model numbers (2B铅笔,
TM认证, AAC编码), insults dressed in the polite form (您的脑子还好吗, 建议您去挂个精神科) and plain
forms that were missed (牛马 said of the buyer, 笨熊, 屎一样). Each attack is paired with the same
words used innocently, which must pass (the shipped rules, real engine, no scorer)."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes, rule_ids, rules_only

# (attack, the same words used innocently)
PAIRS = [
    # emoji read as words: the word still needs the lead-in or the target its entry asks for
    ("你个🐮马，退什么退", "亲，我们店是牛肉店，🐮牛腱子今天有货"),
    ("你这个🐻，笨得要死", "亲，这只泰迪🐻玩偶很受小朋友欢迎"),
    ("🌿泥马，又来退款", "亲，这款🌿草本洗发水无硅油"),
    ("这买家是🐶吧，天天来烦", "亲，宠物店新到了🐶狗粮，您家狗狗可以试试"),
    ("给你一个🖕", "有人对我竖中指，我没理他"),
    ("你🐎的，烦不烦", "亲，🐎马年生肖摆件还有货"),
    # initials and letters: never inside a grade, a mark or a codec
    ("你个2b，铅笔都不会用", "亲，答题卡要用2b铅笔涂"),
    ("tmd你有完没完", "亲，这款是TM认证的商标产品"),
    ("你nt啊，按钮在左边", "亲，这台电脑装的是Windows NT系统"),
    ("你这个sb买家", "亲，这个耳机支持SBC和AAC编码"),
    # pinyin
    ("ni ta ma you wan mei wan", "ni hao，请问有什么可以帮您"),
    ("ni shi fei wu", "废物利用的小摆件也有卖"),
    # the polite form
    ("您的脑子还好吗？", "宝宝摔了一下，您看孩子脑子没事吧，需要的话先去医院"),
    ("建议您去挂个精神科", "失眠焦虑严重的话，建议您挂个精神科看看"),
    ("亲亲，您眼睛要是不用可以捐了", "您的眼睛不用担心，这款不刺激"),
    ("建议您去医院看看脑子", "孩子摔倒后如果头晕，建议您去医院看看脑子有没有受伤"),
    ("您这智力，估计也就三岁吧", "您的智力拼图已经发货，适合三岁孩子"),
    ("您的素质真让人不敢恭维", "您的素质教育课程已经开通"),
    ("您是猪吧", "您是猪年出生的吧"),
    ("您是不是出门忘吃药了", "这款药请按时服用，别忘了吃药"),
    ("您父母没教过您礼貌吗", "您好，这本礼仪书适合给孩子讲礼貌"),
    # plain forms
    ("你个牛马买家", "牛马是牛和马的合称，这个摆件是一对"),
    ("买家都是牛马，别惯着", "买家都是牛马饲料的老客户"),
    ("你个笨熊，说几遍了", "这个笨熊造型的抱枕很可爱"),
    ("你这脑子跟屎一样", "你们是一样的人，都很热心"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_an_evaded_attack_is_flagged_and_the_same_words_used_innocently_pass(
    attack: str, innocent: str
) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


def test_a_letter_grade_clears_only_when_it_touches_the_letters() -> None:
    # the spec word must follow the letters at once: a later 铅笔 is the insult's object
    engine = rules_only()
    assert engine.check("考试用2B铅笔我们有卖").verdict == "ok"
    assert engine.check("你个2b，铅笔都不会用").verdict == "block"


def test_a_chinese_oath_before_goods_still_blocks() -> None:
    # spec_follows holds no word an oath runs into (款, 线, 标准); 你妈的 typed is
    # insult.curse's own term, read only as itself since the fifteenth wave (no longer also as
    # the profanity lexicon's 尼玛的)
    for text in ("退你妈的款，做梦去吧。", "他妈的数据线又断了"):
        assert {"insult.profanity", "insult.curse"} & rule_ids(text), text
        assert rules_only().check(text).verdict == "block", text


def test_the_middle_finger_needs_someone_it_is_shown_to() -> None:
    assert "insult.profanity.aimed" in rule_ids("给你一个🖕")
    assert rules_only().check("🖕").verdict == "ok"


def test_polite_insults_by_structure_are_the_mind_rule_s_own() -> None:
    for text in ("您的脑子还好吗？", "建议您去挂个精神科", "您的眼睛是出气的吗"):
        assert "insult.mind" in rule_ids(text), text


def test_dung_said_as_is_is_not_read_through_its_sound() -> None:
    # 屎 sounds like 是: only forms whose respelling is no everyday phrase
    engine = rules_only()
    assert engine.check("你就是个屎一样的人").verdict == "block"
    for text in ("你们是一样的人", "你和他是一样的人吗", "看起来像是一样的"):
        assert engine.check(text).verdict == "ok", rule_ids(text)


@pytest.mark.parametrize(
    ("mixed", "everyday"),
    [
        ("你这个ben蛋", "Ben蛋糕店今天开业"),
        ("你个lan货", "你个lan货车司机的电话发我一下"),
        ("你这个笨dan", "你个b蛋"),
    ],
)
def test_a_word_with_one_character_spelled_out_counts_unless_it_runs_into_a_word(
    mixed: str, everyday: str
) -> None:
    # 笨蛋 and 烂货 have no sound-alikes (本单, 蓝货 are everyday); letters for one character
    # are typed on purpose, but not a lone initial, and not where the kept character starts
    # an everyday word (蛋糕, 货车)
    engine = rules_only()
    assert engine.check(mixed).verdict == "block", mixed
    assert engine.check(everyday).verdict == "ok", rule_ids(everyday)
