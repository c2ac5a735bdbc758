"""Rule files: lint names the file and line; every rule's own examples behave; reloading keeps
the last good rules when a new file is bad."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest

from helper.checks.message.engine import CompiledRules, MessageEngine
from helper.checks.message.examples import apply_replacements, lint, run_examples
from helper.checks.message.reload import PROBLEM_KEY, RuleReloader
from helper.checks.message.rules import lint_rules, load_rulebook
from helper.rulefiles import RuleFileError, shipped_rules_dir
from helper.rulesets import families

GOOD_RULE = """\
[[rule]]
id = "test.word"
scene = "insult"
severity = "ordinary"
message = "测试"
why = "测试用"
suggestion = "亲，您好！"
terms = ["坏蛋"]
flag = ["你个坏蛋"]
pass = ["您好"]
"""
WITH_REPLACEMENT = 'terms = ["坏蛋"]\nreplacement = "好人"'


def write_rules(base: Path, name: str, text: str) -> Path:
    folder = base / "message"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only_problem(base: Path) -> RuleFileError:
    problems = lint([base])
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_shipped_rules_lint_clean_and_every_example_behaves() -> None:
    assert lint([shipped_rules_dir()]) == []
    assert run_examples([shipped_rules_dir()]) == []


def test_message_family_is_registered_for_rules_lint_and_test() -> None:
    assert "message" in {family.name for family in families()}


def test_shipped_rules_cover_all_four_scenes_and_tone() -> None:
    book = load_rulebook([shipped_rules_dir()])
    assert {rule.scene for rule in book.rules} == {
        "insult", "threat", "harassment", "mailing", "tone"
    }  # fmt: skip


def test_tone_rules_are_advisory_and_other_scenes_are_graded(tmp_path: Path) -> None:
    body = (
        'id = "x.y"\nmessage = "m"\nwhy = "w"\nsuggestion = "s"\nexact_terms = ["爱买不买"]\n'
        'flag = ["爱买不买"]\npass = ["好"]\n'
    )
    write_rules(
        tmp_path,
        "a.toml",
        f'[[rule]]\nscene = "tone"\nseverity = "serious"\n{body}'
        f'[[rule]]\nscene = "insult"\nseverity = "advisory"\n{body.replace("x.y", "x.z")}',
    )
    problems = [str(problem) for problem in lint_rules([tmp_path])]
    assert len(problems) == 2
    assert "a.toml:3" in problems[0] and "advisory" in problems[0]
    assert "a.toml:13" in problems[1] and "ordinary" in problems[1]


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    path = write_rules(
        tmp_path,
        "a.toml",
        GOOD_RULE.replace('severity = "ordinary"', 'severity = "ordinary"\nsevirity = 1'),
    )
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 5
    assert "sevirity" in str(problem)


def test_invalid_re2_pattern_names_its_line(tmp_path: Path) -> None:
    text = (
        GOOD_RULE
        + "\n"
        + GOOD_RULE.replace("test.word", "test.pattern").replace(
            'terms = ["坏蛋"]', "patterns = ['(坏', '(?=蛋)']"
        )
    )
    write_rules(tmp_path, "a.toml", text)
    problems = lint([tmp_path])
    assert len(problems) == 2  # the unbalanced group and the look-ahead RE2 does not have
    assert all(p.line == 19 for p in problems)
    assert "invalid RE2 pattern" in str(problems[0])


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", GOOD_RULE)
    second = write_rules(tmp_path, "b.toml", "# another file\n\n" + GOOD_RULE)
    problem = only_problem(tmp_path)
    assert problem.path == second and problem.line == 3
    assert "duplicate rule id 'test.word'" in str(problem) and "a.toml:1" in str(problem)


def test_rule_without_examples_is_rejected(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", GOOD_RULE.replace('pass = ["您好"]\n', ""))
    problem = only_problem(tmp_path)
    assert problem.line == 1 and "needs examples" in str(problem)


def test_bad_values_are_rejected(tmp_path: Path) -> None:
    write_rules(
        tmp_path,
        "a.toml",
        GOOD_RULE.replace('"insult"', '"rudeness"').replace('["坏蛋"]', '["坏蛋", 3]'),
    )
    reasons = sorted(p.reason for p in lint([tmp_path]))
    assert len(reasons) == 2
    assert "scene must be one of" in reasons[0] and "terms must be a list" in reasons[1]


def test_near_must_name_a_known_context(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", GOOD_RULE.replace("flag =", 'near = ["buyer"]\nflag ='))
    assert "unknown context 'buyer'" in str(only_problem(tmp_path))


def test_a_touching_context_clears_only_a_word_ending_where_the_hit_starts(
    tmp_path: Path,
) -> None:
    context = '[[context]]\nid = "denied"\ntouching = "before"\nterms = ["不是"]\n'
    write_rules(tmp_path, "a.toml", GOOD_RULE.replace("flag =", 'unless_near = ["denied"]\nflag ='))
    write_rules(tmp_path, "b.toml", context)
    assert lint([tmp_path]) == []
    engine = MessageEngine.load([tmp_path])
    assert engine.check("他不是坏蛋").verdict == "ok"
    assert engine.check("不是说你，坏蛋").verdict == "block"


def test_touching_must_name_a_side(tmp_path: Path) -> None:
    write_rules(tmp_path, "b.toml", '[[context]]\nid = "d"\ntouching = true\nterms = ["不是"]\n')
    assert 'touching must be "before" or "after"' in str(only_problem(tmp_path))


def test_term_with_nothing_to_match_is_rejected(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", GOOD_RULE.replace('["坏蛋"]', '["***"]'))
    assert "no letters to match" in str(only_problem(tmp_path))


def test_broken_toml_names_the_line(tmp_path: Path) -> None:
    path = write_rules(tmp_path, "a.toml", GOOD_RULE.replace('message = "测试"', 'message = "测试'))
    problem = only_problem(tmp_path)
    assert problem.path == path and problem.line == 5


def test_examples_that_misbehave_are_reported(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", GOOD_RULE.replace('pass = ["您好"]', 'pass = ["坏蛋"]'))
    [failure] = run_examples([tmp_path])
    assert "a.toml:1 test.word" in failure and "pass example flagged" in failure


def test_replacement_that_fixes_every_flag_example_passes(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", GOOD_RULE.replace('terms = ["坏蛋"]', WITH_REPLACEMENT))
    assert run_examples([tmp_path]) == []
    [finding] = MessageEngine.load([tmp_path]).check("你个坏蛋").findings
    assert apply_replacements("你个坏蛋", [finding]) == "你个好人"


def test_replacement_that_leaves_the_finding_is_reported(tmp_path: Path) -> None:
    # (not 大坏蛋: a longer dictionary word that holds a term is another word)
    text = GOOD_RULE.replace('terms = ["坏蛋"]', 'terms = ["坏蛋"]\nreplacement = "坏蛋啊"')
    write_rules(tmp_path, "a.toml", text)
    [failure] = run_examples([tmp_path])
    assert "a.toml:1 test.word" in failure
    assert "replacement does not fix '你个坏蛋'" in failure and "'你个坏蛋啊'" in failure


def test_replacement_that_sets_off_another_rule_is_reported(tmp_path: Path) -> None:
    other = GOOD_RULE.replace("test.word", "test.other").replace("坏蛋", "蠢人")
    text = GOOD_RULE.replace('terms = ["坏蛋"]', 'terms = ["坏蛋"]\nreplacement = "蠢人"')
    write_rules(tmp_path, "a.toml", text + "\n" + other)
    [failure] = run_examples([tmp_path])
    assert "test.word" in failure and "flagged by ['test.other']" in failure


def test_replacement_must_be_a_string(tmp_path: Path) -> None:
    text = GOOD_RULE.replace('terms = ["坏蛋"]', 'terms = ["坏蛋"]\nreplacement = 0')
    path = write_rules(tmp_path, "a.toml", text)
    problem = only_problem(tmp_path)
    assert problem.path == path and problem.line == 9
    assert "replacement must be a string" in str(problem)


def test_every_shipped_rule_offers_a_replacement() -> None:
    book = load_rulebook([shipped_rules_dir()])
    assert [rule.id for rule in book.rules if rule.replacement is None] == []


def test_user_file_overrides_shipped_one(tmp_path: Path) -> None:
    write_rules(tmp_path, "insult.toml", GOOD_RULE)
    book = load_rulebook([shipped_rules_dir(), tmp_path])
    assert "test.word" in {rule.id for rule in book.rules}
    assert "insult.curse" not in {rule.id for rule in book.rules}


def test_reload_keeps_last_good_rules_and_reports_the_bad_file(tmp_path: Path) -> None:
    rules_dir, data_dir = tmp_path / "rules", tmp_path / "data"
    data_dir.mkdir()
    path = write_rules(rules_dir, "a.toml", GOOD_RULE)
    engine = MessageEngine(CompiledRules(load_rulebook([rules_dir])))
    problems: dict[str, str] = {}
    reloader = RuleReloader(engine, [rules_dir], problems, data_dir)
    assert reloader.poll() is False  # nothing changed yet

    path.write_text(GOOD_RULE.replace("坏蛋", "蠢蛋") + "bogus = 1\n", encoding="utf-8")
    assert reloader.poll() is True
    assert "a.toml:11" in problems[PROBLEM_KEY]
    assert engine.check("你个坏蛋").findings  # the last good rules stay in force

    path.write_text(GOOD_RULE.replace("坏蛋", "蠢蛋"), encoding="utf-8")
    assert reloader.poll() is True
    assert PROBLEM_KEY not in problems
    assert not engine.check("你个坏蛋").findings
    assert engine.check("你个蠢蛋").findings


def test_reload_request_gets_an_answer(tmp_path: Path) -> None:
    rules_dir, data_dir = tmp_path / "rules", tmp_path / "data"
    data_dir.mkdir()
    write_rules(rules_dir, "a.toml", GOOD_RULE)
    engine = MessageEngine(CompiledRules(load_rulebook([rules_dir])))
    reloader = RuleReloader(engine, [rules_dir], {}, data_dir)
    reloader.request_file.write_text("abc123", encoding="utf-8")
    assert reloader.poll() is True
    assert '"request": "abc123"' in reloader.result_file.read_text(encoding="utf-8")
    assert '"ok": true' in reloader.result_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["insult", "threat", "harassment", "mailing"])
def test_every_scene_file_names_its_source(name: str) -> None:
    text = (shipped_rules_dir() / "message" / f"{name}.toml").read_text(encoding="utf-8")
    assert "004_9c1255d26db9271b.txt" in text


def _write_too_large_slot_pattern(base: Path) -> str:
    """A rule whose one slot pattern RE2 refuses (too large for its memory budget); returns
    its flag example."""
    words = ", ".join(
        f'"{chr(0x4E00 + i)}{chr(0x4E00 + i * 7 % 20000)}{chr(0x5E00 + i)}"' for i in range(8000)
    )
    # 16 tokens: refused in the slot patterns' compact encoding too (slot_alphabet.py), where
    # nine of them (enough in UTF-8) fit
    huge = " ..20 ".join(["big"] * 16)
    example = f"{chr(0x4E00)}{chr(0x4E00)}{chr(0x5E00)}"
    rule = GOOD_RULE.replace('terms = ["坏蛋"]', f'slots = ["{huge}"]').replace(
        'flag = ["你个坏蛋"]', f'flag = ["{example}"]'
    )
    write_rules(base, "a.toml", f"[slots]\nbig = [{words}]\n\n{rule}")
    return example


def test_slot_pattern_too_large_for_re2_is_named_by_lint(tmp_path: Path) -> None:
    # slot patterns compile on first need at check time; lint compiles every one, so a
    # pattern RE2 refuses names its rule, and a check never meets it first
    _write_too_large_slot_pattern(tmp_path)
    problems = lint([tmp_path])
    assert len(problems) == 1
    assert "'test.word'" in str(problems[0]) and "slot pattern not compiled" in str(problems[0])
    assert problems[0].line == 4


def test_a_slot_pattern_re2_refuses_is_skipped_in_checks_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    example = _write_too_large_slot_pattern(tmp_path)
    engine = MessageEngine(CompiledRules(load_rulebook([tmp_path])))
    with caplog.at_level(logging.ERROR):
        engine.warm()  # helper serve's start-up: logs the pattern, does not stop
        assert engine.check(example).verdict == "ok"  # the pattern never matches
    logged = [r.getMessage() for r in caplog.records]
    refused = [line for line in logged if "slot pattern not compiled" in line]
    assert len(refused) == 2 and all("test.word" in line for line in refused)
