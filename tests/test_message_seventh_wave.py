"""Threats of the seventh wave: the whole message read by the retrained learned model behind a
wide cue (rule threat.overall; classes legal, dare, watch, abode in rules/message/slots.toml),
``learned_min_chars`` (no learned opinion on a few characters), a cue that reaches into the
buyer's quoted words set aside, and a model that learned what a threat is not (replies, tone
drafts, COLD train's safe comments). Real engine over the shipped rules; a user rules folder
replaces the model with one that says yes to everything, to show what the cue decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpora import find_cold_dir, read_cold
from helper.checks.message.learned import FILE_NAME
from helper.checks.message.rules import SUBDIR, lint_rules
from helper.rulefiles import shipped_rules_dir
from scripts.build_structure_model import (
    COLD_CALIBRATION,
    DEV,
    HELD_OUT,
    REPLY_FOLDERS,
    TRAIN_FOLDERS,
    cold_split,
    training_rows,
)
from tests.message_support import engine_saying_yes, fires, rule_ids, shipped_engine

# written for this test after the rules (not a blind measure): registers no listed phrase holds
THREATS = [
    "我表弟就在你们那片送外卖，你住哪栋他一问就知道",
    "我们律师已经在准备材料了，你就等着被起诉吧",
    "你要是不改评价，你们领导明天就会收到一封信",
    "听说你在幼儿园当老师？家长们要是知道了会怎么看你",
]
# the same words in replies an agent sends
ORDINARY = [
    "您的地址我们核对过了，明天就给您发货",
    "律师事务所的发票抬头可以开，麻烦提供税号",
    "天黑路滑，您下楼取件时小心一点",
    "我们老板明天在店里，您可以直接过来看样品",
    "您的征信不会受分期影响，请放心",
    "小区门口的快递柜满了的话，我们让快递员送到您家门口",
    "您要是不方便，我们可以让师傅晚上再上门",
    "您的地址我们有，明天给您发出",
    "我会整理好您的资料",
]


@pytest.mark.parametrize("text", THREATS)
def test_threats_in_new_registers_are_read_whole(text: str) -> None:
    assert shipped_engine().check(text).verdict == "block"
    assert "threat.overall" in rule_ids(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_replies_with_the_same_words_pass(text: str) -> None:
    assert shipped_engine().check(text).verdict == "ok"


def test_the_cue_alone_is_no_finding() -> None:
    # a cue (the listener near 明天, 门口) the shipped model scores low
    text = "小区门口的快递柜满了的话，我们让快递员明天送到您家门口"
    assert not fires(shipped_engine(), text, "threat.overall")


def test_no_learned_opinion_on_a_few_characters(tmp_path: Path) -> None:
    engine = engine_saying_yes(tmp_path)
    rule = engine.rules.rules["threat.overall"]
    assert rule.learned_min_chars == 8
    # what a replacement leaves of a longer threat (我你楼下 scores 0.97 with the shipped model)
    assert not fires(engine, "我你楼下", "threat.overall")
    assert not fires(engine, "你家门口见", "threat.overall")
    assert fires(engine, "我们已经到你家楼下了，下来吧", "threat.overall")


def test_a_cue_reaching_into_the_buyers_quoted_words_is_set_aside(tmp_path: Path) -> None:
    engine = engine_saying_yes(tmp_path)
    threat = "你要是再闹，你会吃亏的"
    assert fires(engine, threat, "threat.overall")
    assert not fires(
        engine, f"您说“{threat}”，我们非常理解您的心情，马上为您处理", "threat.overall"
    )


def test_learned_min_chars_is_checked_at_lint(tmp_path: Path) -> None:
    (tmp_path / SUBDIR).mkdir()
    rule = (
        '[[rule]]\nid = "threat.mine"\nscene = "threat"\nseverity = "ordinary"\n'
        'message = "威胁"\nwhy = "威胁"\nsuggestion = "请改写"\n{keys}'
        'slots = ["you ~4 harm"]\nflag = ["你会倒霉"]\npass = ["您好"]\n'
    )
    for keys in ("learned_min_chars = 8\n", "learned_at_least = 0.9\nlearned_min_chars = 0.5\n"):
        (tmp_path / SUBDIR / "mine.toml").write_text(rule.format(keys=keys), encoding="utf-8")
        problems = lint_rules([shipped_rules_dir(), tmp_path])
        assert [p.path.name for p in problems] == ["mine.toml"]
        assert "learned_min_chars" in problems[0].reason


def test_training_never_reads_the_seventh_waves_blind_set() -> None:
    blind = DEV / "structure" / "wave7b"
    assert blind in HELD_OUT and DEV / "structure" / "wave7" in TRAIN_FOLDERS
    assert not (set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)) & set(HELD_OUT)
    with pytest.raises(ValueError):
        training_rows([], [blind])


def test_tone_drafts_train_as_what_a_threat_is_not() -> None:
    rows = training_rows([DEV / "structure"], [])
    labels = dict(rows)
    assert labels["爱买不买"] is False  # a tone draft of dev/structure: advice, not a threat
    assert any(label for _, label in rows) and not all(label for _, label in rows)


def test_cold_is_split_by_seed_and_the_calibration_share_never_trains() -> None:
    cold_dir = find_cold_dir(None)
    if cold_dir is None:
        pytest.skip("COLD is not on this machine (shared/corpora/cold)")
    training, calibration = cold_split(cold_dir)
    assert cold_split(cold_dir) == (training, calibration)
    safe = [row.text for row in read_cold(cold_dir / "train.csv") if not row.offensive]
    assert sorted(training + calibration) == sorted(safe)
    share = len(calibration) / (len(training) + len(calibration))
    assert abs(share - COLD_CALIBRATION) < 0.01


def test_the_shipped_model_names_its_corpus_and_licence() -> None:
    head = (shipped_rules_dir() / SUBDIR / FILE_NAME).read_text(encoding="utf-8").splitlines()[:6]
    source = next(line for line in head if line.startswith("# cold_source:"))
    assert "COLD" in source and "Apache-2.0" in source
