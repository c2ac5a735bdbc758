"""Sound-alike readings that the text as typed explains (issue 9, part 2): a number with a unit
after it is a quantity, not initials (2h is two hours, not 二货); an idiom or set phrase of
the dictionary that holds the whole hit was typed as that phrase, however rare (奉子成婚 holds
no 疯子); a hit split
between the end of one dictionary word and the start of the next is those two words (黑人|炸鸡
holds no 人渣). The insults the same spellings cloak still count."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message.rules import load_rulebook
from helper.rulefiles import shipped_rules_dir
from tests.message_support import shipped_engine
from tests.test_message_rules import GOOD_RULE, only_problem, write_rules

CLEAN = [
    ("亲，这款充电宝充满大约需要2h，请耐心等待哦", "2h: a duration"),
    ("这款耳机续航30h，充电10min能听2H", "2H: a duration in capitals"),
    ("这款喜糖盒子是为奉子成婚的新人准备的款式", "an idiom holds the hit"),
    ("我有个堂姐去年奉子成婚，现在在家带孩子", "an idiom holds the hit"),
    ("受欢迎的一般是黑人炸鸡和薯条", "人炸 runs across 黑人|炸鸡"),
]

STILL_CAUGHT = [
    ("你个二货，看不懂字吗", "二货 as written"),
    ("你个2货，看不懂字吗", "a digit for 二 beside the term's own character"),
    ("你这个2b，赶紧滚", "2b: no unit"),
    ("你就是个疯子，别再来烦我", "疯子 as written"),
    ("你这种人渣不配买我们的东西", "人渣 as written"),
]


@pytest.fixture(scope="module")
def engine():
    return shipped_engine()


@pytest.mark.parametrize(("reply", "why"), CLEAN)
def test_sound_alike_explained_by_the_text_is_clean(engine, reply: str, why: str) -> None:
    result = engine.check(reply)
    assert result.verdict == "ok", (why, [(f.rule_id, f.match) for f in result.findings])


@pytest.mark.parametrize(("draft", "why"), STILL_CAUGHT)
def test_the_insult_itself_still_counts(engine, draft: str, why: str) -> None:
    result = engine.check(draft)
    assert result.verdict == "block", (why, [(f.rule_id, f.match) for f in result.findings])


def test_units_are_read_from_the_rule_files() -> None:
    book = load_rulebook([shipped_rules_dir()])
    assert {"h", "kg", "mah"} <= set(book.units)
    assert "b" not in book.units  # 2b stays 二逼


def test_a_bad_units_list_names_its_file_and_line(tmp_path: Path) -> None:
    path = write_rules(tmp_path, "a.toml", GOOD_RULE + '\n[quantities]\nunits = ["KG", 5]\n')
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == GOOD_RULE.count("\n") + 2
    assert "[quantities]" in str(problem)


def test_a_respelled_idiom_is_no_phrase_that_holds_itself(engine) -> None:
    # 好吃懒作 (做 respelled) is in the dictionary too: only a longer phrase holds a hit
    assert engine.check("外地人好吃懒作").verdict == "block"
