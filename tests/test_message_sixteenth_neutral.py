"""Sixteenth wave, neutral precision (branch neutral16): neutral sentences the rules flagged.

- A name one third party called another, reported with the name in marks
  (某些人骂人家"黑鬼"太过分了, 他说对方是"乡巴佬", 被人骂"傻X"的时候): the `marked_frames` of
  [quoted_speech] set aside only the quotation right after the frame, never an unquoted clause,
  and never where the informal listener is the one called (他骂你是"黑鬼", 你活该被人骂"傻逼").
- One character in marks named as a character (不能对买家说"滚"字).
- A women's side and a host's name the dictionary lacks (国女足, 尼格买提): exceptions with a
  reason.
- The crime reported of a victim named in the third person (女方被强奸) and the suspect of the news
  (强奸嫌疑人): not a wish at the reader (你这种女的就该被强奸 still blocks).
Each innocent reply has an attack in the same words beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message.structure import read_quoted_speech
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_held_as_expected,
    held_cases,
    rule_ids,
    rules_only,
)

# (reply, why it is not held)
NOT_BLOCKED = [
    ('某些人骂人家"黑鬼"太过分了，肤色不是别人能选的', "a third party's slur, reported in marks"),
    ('他说对方是"乡巴佬"，这句话本身就带着歧视', "what he called the other party, in marks"),
    ('被人骂"傻X"的时候先别急着回嘴，截图留证再投诉', "called a name by someone, in marks"),
    ('同学叫我"胖猪"，我难过了好久', "a schoolmate's name for the speaker"),
    ('我们的客服守则里写明了，不能对买家说"滚"字', "one character named as a character"),
    ("新闻说今年国女足打进了亚洲杯决赛，店里球衣卖断货了", "a country's women's football side"),
    ("尼格买提主持的那期节目里用的就是我们家这款杯子", "the host's name"),
    ("我们学校有个案子，女方被强奸后报了警，嫌疑人已经抓到了", "a victim in the third person"),
    ("新闻里那个强奸嫌疑人已经被警方控制了", "the suspect named in the words of the news"),
]

# (draft, why it still counts)
CAUGHT = [
    ('他骂你是"黑鬼"，我看他说得对', "the informal listener is the one called"),
    ('你活该被人骂"傻逼"', "the listener before the passive frame"),
    ('他们都叫你"乡巴佬"', "the listener is the one called"),
    ('人家骂他"黑鬼"，说的就是你这种', "the listener named after the report, past the comma"),
    ("你这个黑鬼也配来我们店买东西", "the slur said to the buyer, no report"),
    ("乡巴佬懂什么叫正品", "the slur said to no one in a reply"),
    ('你给我"滚"', "a character in marks with no naming word after it"),
    ("你个尼格", "尼格 outside the host's name"),
    ("你们这些国女", "国女 outside a women's side"),
    ("你这种女的就该被强奸", "the crime wished on the reader's kind"),
    ("你活该被强奸", "the crime wished on the reader"),
    ("你女儿被强奸了活该", "the reader's daughter, no third-person victim"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_words(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


@pytest.mark.parametrize(("text", "why"), NOT_BLOCKED)
def test_the_replies_raise_nothing(text: str, why: str) -> None:
    """Not even a reminder: before this branch each was warned or blocked by the rules."""
    assert rules_only().check(text).verdict == "ok", (why, rule_ids(text))


# (attack, innocent): the same slur with and without a third party's report around it
PAIRS = [
    ('你这个"黑鬼"', '某些人骂人家"黑鬼"太过分了'),
    ('他说你是"乡巴佬"', '他说对方是"乡巴佬"，这本身就是歧视'),
    ('你就该被人骂"傻X"', '被人骂"傻X"的时候先截图留证'),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_a_report_clears_only_where_no_listener_is_called(attack: str, innocent: str) -> None:
    engine = rules_only()
    assert engine.check(attack).verdict == "block", (attack, rule_ids(attack))
    assert engine.check(innocent).verdict == "ok", (innocent, rule_ids(innocent))


def test_a_marked_frame_sets_aside_no_unquoted_clause() -> None:
    """被骂 with no quotation after it reports no one's words: 被人骂傻逼也活该 keeps its insult
    (an ordinary frame would set aside the rest of the clause), and the quoted form clears."""
    engine = rules_only()
    assert "insult" in {f.scene for f in engine.check("你就该被人骂傻逼").findings}
    assert engine.check('被人骂"傻逼"的时候先截图').verdict == "ok"


def test_a_marked_frame_reaches_no_threat() -> None:
    """A third party's 叫 before the agent's act (有人叫我去你家找你) stays a threat: the frame's
    `unless` sees the listener in the rest of the clause, and nothing unquoted is set aside."""
    assert rules_only().check("有人叫我去你家找你").verdict == "block"


def test_marked_frames_must_be_a_list(tmp_path: Path) -> None:
    problems: list = []
    table = read_quoted_speech(
        {"scenes": ["threat"], "frames": ["说"], "quotes": ['""'], "marked_frames": "叫"},
        tmp_path / "slots.toml",
        "[quoted_speech]\n",
        problems,
    )
    assert table is None
    assert "marked_frames" in str(problems[0])


def test_the_held_out_set_is_never_trained_on() -> None:
    held = DEV / "precision" / "wave18b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
    assert (held / "drafts.tsv").is_file()
    assert (held / "normal_replies.txt").is_file()
