"""Rules with ``learned_at_least``: a weak slot cue the learned model confirms (learned.py).

Real engine over the shipped rules; a user rules folder replaces the model with one that says
yes (or no) to everything, to show what the cue and the model each decide."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.checks.message.learned import FILE_NAME, LearnedModel, read_model, render
from helper.checks.message.rules import SUBDIR, lint_rules
from helper.rulefiles import RuleFileError, shipped_rules_dir
from scripts.build_structure_model import HELD_OUT, TRAIN_FOLDERS, build, training_rows
from tests.message_support import shipped_engine

HEADER = {"trained_on": "a test fixture", "seed": "1", "built_by": "the test"}
CONFIRMING = ("threat.confirmed", "harassment.confirmed")
THREAT = "你孩子在哪上学我们都知道，自己掂量掂量"
CUE_ONLY = "我们会打电话给您确认收货地址"  # contact near the listener: an everyday reply


def model_folder(tmp_path: Path, bias: float, weights: dict[str, float] | None = None) -> Path:
    """A user rules folder whose model scores every text by ``bias`` alone (30: yes, -30: no)."""
    (tmp_path / SUBDIR).mkdir(parents=True, exist_ok=True)
    model = LearnedModel(weights or {}, bias, 3)
    (tmp_path / SUBDIR / FILE_NAME).write_text(render(model, HEADER), encoding="utf-8")
    return tmp_path


def confirmed(engine: MessageEngine, text: str) -> list[str]:
    return [f.rule_id for f in engine.check(text).findings if f.rule_id in CONFIRMING]


def test_the_shipped_model_is_plain_data_naming_what_it_learned_from() -> None:
    path = shipped_rules_dir() / SUBDIR / FILE_NAME
    head = path.read_text(encoding="utf-8").splitlines()[:6]
    assert any(line.startswith("# trained_on:") and "tests/data" in line for line in head)
    assert any(line.startswith("# seed:") for line in head)
    assert any("scripts/build_structure_model.py" in line for line in head)
    model = shipped_engine().rules.book.model
    assert model is not None and 0 < len(model.weights) <= 10_000


def test_training_never_reads_a_blind_set() -> None:
    assert not set(TRAIN_FOLDERS) & set(HELD_OUT)
    assert any(folder.name == "wave7" for folder in HELD_OUT)
    with pytest.raises(ValueError):
        training_rows([HELD_OUT[0]])


def test_a_confirmed_threat_blocks_and_names_its_rule() -> None:
    engine = shipped_engine()
    assert engine.check(THREAT).verdict == "block"
    # every rule's finding (one per stretch of text would show the graver threat.held instead)
    result = engine.check(THREAT, one_per_span=False)
    finding = next(f for f in result.findings if f.rule_id == "threat.confirmed")
    rule = engine.rules.rules["threat.confirmed"]
    assert (finding.message, finding.why, finding.suggestion) == (
        rule.message,
        rule.why,
        rule.suggestion,
    )
    assert finding.replacement == rule.replacement and finding.match in THREAT


def test_a_cue_the_model_does_not_confirm_makes_no_finding(tmp_path: Path) -> None:
    says_yes = MessageEngine.load([shipped_rules_dir(), model_folder(tmp_path / "yes", 30.0)])
    says_no = MessageEngine.load([shipped_rules_dir(), model_folder(tmp_path / "no", -30.0)])
    assert confirmed(says_yes, CUE_ONLY) == ["harassment.confirmed"]  # the cue is there
    assert confirmed(shipped_engine(), CUE_ONLY) == []  # the shipped model scores it low
    assert confirmed(says_no, CUE_ONLY) == confirmed(says_no, THREAT) == []


def test_the_model_alone_never_makes_a_finding(tmp_path: Path) -> None:
    says_yes = MessageEngine.load([shipped_rules_dir(), model_folder(tmp_path, 30.0)])
    for text in ("好的，马上为您安排", "今天下午四点前发货", "这款是纯棉的，可以机洗"):
        assert says_yes.check(text).findings == ()
    # what it confirms is the cue's own stretch, not the whole message
    finding = next(f for f in says_yes.check(f"好的。{CUE_ONLY}").findings)
    assert finding.rule_id == "harassment.confirmed" and finding.start_cp > 0


def test_negation_quoted_and_reported_speech_apply_as_for_other_slot_rules(tmp_path: Path) -> None:
    says_yes = MessageEngine.load([shipped_rules_dir(), model_folder(tmp_path, 30.0)])
    assert confirmed(says_yes, "您放心，我们不会再联系您了") == []
    quoted = "您说有人威胁“你单位叫什么我一查就知道”，我们已经报警处理"
    assert confirmed(says_yes, "你单位叫什么我一查就知道")
    assert confirmed(says_yes, quoted) == []
    # what someone else did, retold in complaint handling (the report frame of slot rules)
    assert confirmed(says_yes, "你换着号码天天打给你")
    assert confirmed(says_yes, "您说有人换着号码天天打给您，我们已经拉黑了那个号码") == []


def test_the_build_is_deterministic_and_round_trips_through_the_file(tmp_path: Path) -> None:
    bad = ["你等着我找人收拾你", "天天打你电话烦死你", "我知道你家在哪"]
    good = ["您好，马上为您发货", "亲，这款有现货的", "感谢您的耐心等待"]
    rows = [(f"{text}{n}", text in bad) for n in range(6) for text in bad + good]
    first, second = build(rows, 50, seed=7), build(rows, 50, seed=7)
    assert render(first, HEADER) == render(second, HEADER)
    assert 0 < len(first.weights) <= 50
    path = tmp_path / FILE_NAME
    path.write_text(render(first, HEADER), encoding="utf-8")
    read = read_model(path)
    assert read.weights == first.weights and read.bias == first.bias
    assert read.score(bad[0]) > 0.5 > read.score(good[0])


HEAD = "# trained_on: x\n# seed: 1\n# built_by: y\nformat\t1\nlongest_gram\t3\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("format\t1\nlongest_gram\t3\nbias\t0\n", 1),  # no header
        (HEAD + "bias\tzero\n", 6),
        (HEAD + "bias\t0\n你\n", 7),
        (HEAD + "bias\t0\n你\tnan\n", 7),
    ],
)
def test_a_malformed_model_is_named_with_its_file_and_line_at_lint(
    tmp_path: Path, text: str, line: int
) -> None:
    (tmp_path / SUBDIR).mkdir()
    (tmp_path / SUBDIR / FILE_NAME).write_text(text, encoding="utf-8")
    problems = lint_rules([shipped_rules_dir(), tmp_path])
    assert [(p.path.name, p.line) for p in problems] == [(FILE_NAME, line)]
    with pytest.raises(RuleFileError, match=f"{FILE_NAME}:{line}"):
        MessageEngine.load([shipped_rules_dir(), tmp_path])


def test_learned_at_least_is_checked_at_lint(tmp_path: Path) -> None:
    (tmp_path / SUBDIR).mkdir()
    (tmp_path / SUBDIR / "mine.toml").write_text(
        '[[rule]]\nid = "threat.mine"\nscene = "threat"\nseverity = "ordinary"\n'
        'message = "威胁"\nwhy = "威胁"\nsuggestion = "请改写"\nlearned_at_least = 2.0\n'
        'slots = ["you ~4 harm"]\nflag = ["你会倒霉"]\npass = ["您好"]\n',
        encoding="utf-8",
    )
    problems = lint_rules([shipped_rules_dir(), tmp_path])
    assert [(p.path.name, p.line) for p in problems] == [("mine.toml", 8)]
    assert "learned_at_least" in problems[0].reason


def test_a_broken_user_model_does_not_stop_the_helper(data_dir: Path) -> None:
    from helper.app import create_app
    from helper.settings import load_settings

    user_rules = data_dir / "rules" / SUBDIR
    user_rules.mkdir(parents=True)
    (user_rules / FILE_NAME).write_text("not a model\n", encoding="utf-8")
    app = create_app(load_settings(data_dir), background=False)
    try:
        services = app.extensions["wbg"]
        assert f"{FILE_NAME}:1" in services.problems["message_rules"]
        base = f"http://127.0.0.1:{services.settings.port}"
        client = app.test_client()
        health = client.get("/v1/health", base_url=base)
        assert health.get_json()["status"] == "degraded"
        assert services.message_engine.check(THREAT).verdict == "block"  # the shipped model
    finally:
        services.close()


def test_the_model_reads_the_listener_s_pronoun_as_one() -> None:
    model = shipped_engine().rules.book.model
    assert model is not None
    for plain, polite in (("给你发过去", "给您发过去"), (THREAT, THREAT.replace("你", "您"))):
        assert model.score(plain) == model.score(polite)
