"""One engine over the shipped rules, shared by the message-check tests (loading takes a
fraction of a second, checking takes microseconds)."""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

from helper.checks.message import MessageEngine
from helper.checks.message.learned import FILE_NAME, LearnedModel, render
from helper.checks.message.rules import SUBDIR
from helper.platforms import load_platforms
from helper.rulefiles import shipped_rules_dir

_FIXTURE_HEADER = {"trained_on": "a test fixture", "seed": "1", "built_by": "the test"}


@lru_cache(maxsize=1)
def shipped_engine() -> MessageEngine:
    dirs = [shipped_rules_dir()]
    return MessageEngine.load(dirs, load_platforms(dirs), "taobao")


@lru_cache(maxsize=1)
def rules_only() -> MessageEngine:
    """The shipped rules without the learned scorer: the tests that use it make claims about
    the rule files (the scorer may add an advisory of its own)."""
    engine = shipped_engine()
    return MessageEngine(engine.rules, engine.platforms, engine.default_platform)


def engine_saying_yes(folder: Path) -> MessageEngine:
    """The shipped rules with a learned structure model that scores every text 1 (a user rules
    folder under ``folder`` replaces it): only the rules' cues decide."""
    (folder / SUBDIR).mkdir(parents=True)
    model = LearnedModel({}, 30.0, 3)
    (folder / SUBDIR / FILE_NAME).write_text(render(model, _FIXTURE_HEADER), encoding="utf-8")
    return MessageEngine.load([shipped_rules_dir(), folder])


def fires(engine: MessageEngine, text: str, rule_id: str) -> bool:
    """Whether ``rule_id`` matches ``text`` under ``engine`` (another rule may report it)."""
    findings = engine.check(text, one_per_span=False).findings
    return any(finding.rule_id == rule_id for finding in findings)


def rule_ids(text: str, platform: str | None = None) -> set[str]:
    """Every rule that matches, including those whose words another rule of the same scene
    also matched (a check reports one finding there)."""
    result = shipped_engine().check(text, platform, one_per_span=False)
    return {finding.rule_id for finding in result.findings}


def held_cases(
    not_blocked: list[tuple[str, str]], caught: list[tuple[str, str]]
) -> list[tuple[str, bool, str]]:
    """``(text, held, why)`` for :func:`assert_held_as_expected`: the replies that must go
    out and the drafts of the same shapes that must still be held."""
    return [(text, False, why) for text, why in not_blocked] + [
        (text, True, why) for text, why in caught
    ]


def paired_held_cases(pairs: list[tuple[str, str, str]]) -> list[tuple[str, bool, str]]:
    """:func:`held_cases` for ``(reply, attack in the same words, why)`` triples."""
    return held_cases(
        [(reply, why) for reply, _attack, why in pairs],
        [(attack, why) for _reply, attack, why in pairs],
    )


def assert_held_as_expected(text: str, held: bool, why: str) -> None:
    """The shipped rules without the scorer block ``text`` exactly when ``held``."""
    result = rules_only().check(text)
    found = [(finding.rule_id, finding.term) for finding in result.findings]
    assert (result.verdict == "block") is held, (why, found)


def assert_insult_blocked_and_innocent_passes(attack: str, innocent: str) -> None:
    """``attack`` is blocked with an insult finding and ``innocent`` (the same words used
    innocently) passes, under the shipped rules without the scorer."""
    engine = rules_only()
    result = engine.check(attack)
    assert result.verdict == "block", attack
    assert "insult" in {finding.scene for finding in result.findings}
    assert engine.check(innocent).verdict == "ok", rule_ids(innocent)


def assert_attack_blocks_by_rule(attack: str, rule: str) -> None:
    """``attack`` is blocked by the shipped engine, with a finding whose rule id starts with
    ``rule`` (a rule, or a scene prefix such as ``harassment.``)."""
    assert shipped_engine().check(attack).verdict == "block", attack
    assert any(found.startswith(rule) for found in rule_ids(attack)), rule_ids(attack)


def assert_reply_not_blocked(reply: str) -> None:
    """``reply`` (the attack's words in an ordinary reply) is not blocked by the shipped engine."""
    assert shipped_engine().check(reply).verdict != "block", rule_ids(reply)


def assert_tone_warns_and_kind_passes(brush_off: str, kind: str) -> None:
    """``brush_off`` only warns, with tone.dismissive alone and no platform penalty, and ``kind``
    (the same words said kindly) passes, under the shipped rules without the scorer."""
    engine = rules_only()
    result = engine.check(brush_off)
    assert result.verdict == "warn", (brush_off, rule_ids(brush_off))
    assert {finding.rule_id for finding in result.findings} == {"tone.dismissive"}
    assert all(finding.penalty is None for finding in result.findings)
    assert engine.check(kind).verdict == "ok", (kind, rule_ids(kind))


# A rule added by tests that edit the rules (the caches kept between runs must follow it).
EXTRA_RULE = (
    '[[rule]]\nid = "insult.extra"\nscene = "insult"\nseverity = "ordinary"\n'
    'message = "m"\nwhy = "w"\nsuggestion = "亲，您好"\nterms = ["烂柿子"]\n'
    'flag = ["你个烂柿子"]\npass = ["柿子很甜"]\n'
)


def copied_rules(folder: Path) -> Path:
    """A rules directory in ``folder`` holding a copy of the shipped message rules."""
    rules = folder / "rules"
    shutil.copytree(shipped_rules_dir() / "message", rules / "message")
    return rules


def scenes(text: str) -> set[str]:
    """The scenes of the findings a check reports for ``text``."""
    return {finding.scene for finding in shipped_engine().check(text).findings}
