"""The learned second opinion: the shipped model is plain data that says where it came from,
loads and scores in plain Python, and scripts/build_scorer.py rebuilds it byte for byte.

No test here reads COLD (tests must not depend on it): the rebuild test trains on a tiny
made-up corpus in COLD's layout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.checks.message import MessageEngine
from helper.checks.message.scorer import (
    ADVISORY_FILE,
    FILE_NAME,
    MAX_CHARS,
    SUBDIR,
    fold_fast,
    grams,
    load_scorer,
    load_second_opinion,
    without,
)
from helper.platforms import load_platforms
from helper.rulefiles import RuleFileError, shipped_rules_dir
from helper.text import to_simplified
from tests.message_support import shipped_engine

ROOT = Path(__file__).resolve().parent.parent
MODEL = shipped_rules_dir() / SUBDIR / FILE_NAME
LINT = (sys.executable, "-m", "helper", "rules", "lint")


def test_shipped_model_is_small_plain_json_naming_its_corpus_and_licence() -> None:
    raw = MODEL.read_bytes()
    assert len(raw) < 2_000_000
    data = json.loads(raw.decode("utf-8"))  # JSON, not a pickle
    cold = data["about"]["sources"][0]
    assert cold["corpus"].startswith("COLD")
    assert cold["commit"] == "a0c55a945497ab58e94aef491180e1cf88ffb864"
    assert cold["licence"] == "Apache-2.0"
    assert "Apache License 2.0" in data["about"]["licence"]
    assert data["about"]["built_by"] == "python scripts/build_scorer.py"
    assert all(len(gram) <= data["longest_gram"] for gram in data["weights"])
    assert 0 < data["advise_at"] < 1


def test_grams_fold_script_width_and_case_and_ignore_white_space() -> None:
    assert grams("傻 Ｂ", 2) == grams("傻b", 2) == ["傻", "b", "傻b"]
    assert grams("騷擾騷", 2) == ["骚", "扰", "骚", "骚扰", "扰骚"]
    assert grams("", 3) == []
    assert len(grams("好" * 5000, 3)) == 3 * MAX_CHARS - 3  # only the start of a long text


def test_scores_are_probabilities_and_the_same_text_scores_the_same() -> None:
    scorer = load_scorer([shipped_rules_dir()])
    assert scorer is not None
    for text in ("亲，已经给您发货了", "", "🙂" * 600, "你这个人真是垃圾，滚"):
        score = scorer.score(text)
        assert 0.0 <= score <= 1.0
        assert scorer.score(text) == score
    assert scorer.score("你这个人真是垃圾，滚") > scorer.score("亲，已经给您发货了")


def test_a_user_rules_folder_overrides_the_model_and_a_broken_one_is_named(
    tmp_path: Path,
) -> None:
    assert load_scorer([tmp_path]) is None
    (tmp_path / SUBDIR).mkdir()
    broken = tmp_path / SUBDIR / FILE_NAME
    broken.write_text('{"format": 1, "weights": []}', encoding="utf-8")
    with pytest.raises(RuleFileError, match=FILE_NAME):
        load_scorer([shipped_rules_dir(), tmp_path])
    broken.write_text("not json", encoding="utf-8")
    with pytest.raises(RuleFileError, match="not a learned scorer model"):
        load_scorer([tmp_path])


def test_build_script_is_reproducible_and_writes_a_model_the_helper_loads(
    tmp_path: Path,
) -> None:
    cold = tmp_path / "cold"
    cold.mkdir()
    bad = ["你们这些人真恶心", "滚出去吧垃圾", "一群骗子不要脸", "脑子有病的东西"]
    good = ["今天天气很好", "这家店的面包好吃", "周末去公园散步", "我们一起学习吧"]
    rows = [
        f"{n},train,region,{label},{text}{n}"
        for n, (text, label) in enumerate(
            (t, lab)
            for _ in range(15)
            for t, lab in [*((b, 1) for b in bad), *((g, 0) for g in good)]
        )
    ]
    (cold / "train.csv").write_text(
        "\ufeff,split,topic,label,TEXT\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    outputs = []
    for run in range(2):
        out = tmp_path / f"model{run}" / SUBDIR / FILE_NAME
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "build_scorer.py"),
                "--cold",
                str(cold),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": str(run)},  # set order must not matter
            timeout=600,
        )
        outputs.append(out)
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    scorer = load_scorer([outputs[0].parent.parent])
    assert scorer is not None and scorer.weights


def test_build_script_without_cold_says_so_in_chinese(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_scorer.py"),
            "--cold",
            str(tmp_path / "absent"),
            "--out",
            str(tmp_path / "model.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith("错误：")
    assert not (tmp_path / "model.json").exists()


def write_model(folder: Path, weights: dict[str, float], bias: float) -> None:
    """A hand-made model and the shipped advisory texts, in a user rules folder."""
    (folder / SUBDIR).mkdir(parents=True)
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    model = {**shipped, "weights": weights, "bias": bias, "advise_at": 0.9}
    (folder / SUBDIR / FILE_NAME).write_text(json.dumps(model, ensure_ascii=False), "utf-8")


def test_the_engine_adds_an_advisory_only_where_the_rules_found_nothing(tmp_path: Path) -> None:
    write_model(tmp_path, {"嘤": 40.0}, -5.0)
    engine = MessageEngine.load([shipped_rules_dir(), tmp_path], load_platforms([ROOT / "rules"]))
    advised = engine.check("嘤嘤嘤，亲", platform="taobao")
    assert advised.verdict == "warn"
    [finding] = advised.findings
    assert (finding.rule_id, finding.scene, finding.severity) == (
        "learned.offensive",
        "tone",
        "advisory",
    )
    assert finding.penalty is None and finding.allowable
    assert (finding.start_cp, finding.end_cp) == (0, len("嘤嘤嘤，亲"))
    assert engine.check("亲，已经给您发货了").verdict == "ok"
    # Where the rules found something, their findings stand alone.
    ruled = engine.check("嘤嘤嘤，你个傻逼")
    assert ruled.verdict == "block"
    assert all(f.rule_id != "learned.offensive" for f in ruled.findings)
    # The same rules without the scorer.
    assert MessageEngine(engine.rules).check("嘤嘤嘤，亲").verdict == "ok"


def test_a_scorer_that_flags_everything_is_never_the_only_reason_for_a_block(
    tmp_path: Path,
) -> None:
    write_model(tmp_path, {}, 30.0)  # every text scores 1.0
    engine = MessageEngine.load([shipped_rules_dir(), tmp_path])
    rules_only = MessageEngine(engine.rules)
    replies = (ROOT / "tests" / "data" / "normal_replies.txt").read_text("utf-8").splitlines()
    replies += ["你真恶心", "恶心", "亲，孕早期容易恶心"]
    verdicts = []
    for reply in replies:
        if rules_only.check(reply).findings:
            continue
        result = engine.check(reply)
        verdicts.append(result.verdict)
        if result.verdict == "block":
            # A block needs a lexicon term that only lacked a target: the scorer confirmed it.
            assert result.findings
            assert all(".aimed" in f.rule_id and f.match in reply for f in result.findings)
            assert all(f.rule_id != "learned.offensive" for f in result.findings)
        else:
            assert result.verdict == "warn"
            assert all(f.verdict == "warn" for f in result.findings)
            # the scorer's own reminder, or a lone sound-alike guess it found aimed (掉毛 in a
            # fur-coat reply): a guess alone is a reminder, never a block (finding_verdicts)
            rule_ids = [f.rule_id for f in result.findings]
            assert rule_ids == ["learned.offensive"] or (
                len(rule_ids) == 1
                and rule_ids[0].endswith(".aimed")
                and result.findings[0].match in reply
            )
    assert len(verdicts) > 600 and "warn" in verdicts


def test_the_scorer_confirms_a_term_that_lacked_a_target_on_the_rest_of_the_text(
    tmp_path: Path,
) -> None:
    # 蠢 needs a target (你真蠢 blocks, 真蠢 alone does not). The scorer confirms it only from
    # what the rest of the message says: the term itself is cut out before scoring.
    assert MessageEngine.load([shipped_rules_dir()]).check("你真蠢").verdict == "block"
    write_model(tmp_path / "words", {"蠢": 40.0}, -5.0)  # knows only the term itself
    engine = MessageEngine.load([shipped_rules_dir(), tmp_path / "words"])
    assert engine.check("真蠢").verdict == "ok"
    write_model(tmp_path / "rest", {"嘤": 40.0}, -5.0)  # finds the rest offensive
    engine = MessageEngine.load([shipped_rules_dir(), tmp_path / "rest"])
    assert MessageEngine(engine.rules).check("真蠢嘤嘤").verdict == "ok"
    confirmed = engine.check("真蠢嘤嘤")
    assert confirmed.verdict == "block"
    assert confirmed.findings
    assert all(".aimed" in f.rule_id and "蠢" in f.match for f in confirmed.findings)


def test_the_scorer_does_not_overrule_words_the_rules_cleared(tmp_path: Path) -> None:
    # A model that finds 垃圾 offensive: the lexicon cleared 垃圾 inside 垃圾袋 (an everyday
    # word), and the scorer reads the reply with that span cut out, so it stays quiet.
    write_model(tmp_path, {"垃圾": 90.0}, -5.0)
    engine = MessageEngine.load([shipped_rules_dir(), tmp_path])
    reply = "亲，垃圾袋已经放进包裹里了"
    assert engine.second_opinion is not None and engine.second_opinion.scorer.advises(reply)
    assert engine.check(reply).verdict == "ok"


def test_cut_spans_leave_a_bar_and_overlaps_are_cut_once() -> None:
    assert without("你真蠢嘤嘤", [(2, 3)]) == "你真|嘤嘤"
    assert without("abcdef", [(3, 5), (1, 2), (4, 6)]) == "a|c|"
    assert without("abc", []) == "abc"


def test_a_model_without_its_advisory_texts_is_refused(tmp_path: Path) -> None:
    write_model(tmp_path, {}, 0.0)
    only_model = tmp_path / "only"
    (only_model / SUBDIR).mkdir(parents=True)
    (tmp_path / SUBDIR / FILE_NAME).rename(only_model / SUBDIR / FILE_NAME)
    with pytest.raises(RuleFileError, match="advisory"):
        load_second_opinion([only_model])
    (only_model / SUBDIR / ADVISORY_FILE).write_text('[advisory]\nid = "x"\n', "utf-8")
    with pytest.raises(RuleFileError, match="message"):
        load_second_opinion([only_model])


def write_pointed(folder: Path, table: str) -> None:
    """The shipped advisory texts with ``table`` in place of the shipped [pointed] table."""
    shipped = (shipped_rules_dir() / SUBDIR / ADVISORY_FILE).read_text("utf-8")
    advisory = shipped[: shipped.index("\n# A lower bar")] + "\n" + table
    (folder / SUBDIR / ADVISORY_FILE).write_text(advisory, "utf-8")


def test_a_lower_bar_where_a_person_is_pointed_at_only_ever_warns(tmp_path: Path) -> None:
    # 嘤 weighs 1.5 and nothing else counts: 嘤嘤嘤 scores 0.86, 你嘤嘤嘤 0.82 (more grams),
    # both under the model's 0.9, both over the pointed bar 0.7.
    write_model(tmp_path, {"嘤": 1.5}, 0.0)
    write_pointed(tmp_path, "[pointed]\nadvise_at = 0.7\n")
    engine = MessageEngine.load([shipped_rules_dir(), tmp_path])
    assert engine.second_opinion is not None and engine.second_opinion.pointed_at == 0.7
    scorer = engine.second_opinion.scorer
    assert 0.7 < scorer.score("你嘤嘤嘤") < scorer.score("嘤嘤嘤") < 0.9
    rules_only = MessageEngine(engine.rules)
    for pointed in ("你嘤嘤嘤", "这人嘤嘤嘤", "楼主嘤嘤嘤"):
        assert rules_only.check(pointed).verdict == "ok"
        result = engine.check(pointed)
        assert result.verdict == "warn", pointed
        assert [f.rule_id for f in result.findings] == ["learned.offensive"]
        assert all(f.verdict == "warn" and f.penalty is None for f in result.findings)
    # no person pointed at: the model's own threshold
    assert engine.check("嘤嘤嘤").verdict == "ok"
    # without the table, the pointed message is judged like any other
    plain = tmp_path / "plain"
    write_model(plain, {"嘤": 1.5}, 0.0)
    write_pointed(plain, "")
    unpointed = MessageEngine.load([shipped_rules_dir(), plain])
    assert unpointed.second_opinion is not None and unpointed.second_opinion.pointed_at is None
    assert unpointed.check("你嘤嘤嘤").verdict == "ok"


def test_the_pointed_bar_never_confirms_a_term_that_lacked_a_target(tmp_path: Path) -> None:
    # 蠢 needs a target; the rest of 真蠢嘤嘤 scores between the pointed bar and the model's
    # threshold, so the term stays unconfirmed and no block follows (at most the reminder).
    write_model(tmp_path, {"嘤": 1.5}, 0.0)
    write_pointed(tmp_path, "[pointed]\nadvise_at = 0.5\n")
    engine = MessageEngine.load([shipped_rules_dir(), tmp_path])
    assert engine.check("真蠢嘤嘤").verdict != "block"


@pytest.mark.parametrize(
    ("table", "complaint"),
    [
        ("[pointed]\nadvise_at = 0.95\n", "at most the model's"),
        ('[pointed]\nadvise_at = "low"\n', "must be a number"),
        ("[pointed]\nadvise_at = 0\n", "above 0"),
        ("[pointed]\nadvise_at = true\n", "must be a number"),
        ("[pointed]\n", "must be a number"),
        ("[pointed]\nadvise_at = 0.7\nnear = 3\n", "near"),
        ("pointed = 0.7\n", "unknown key 'pointed'"),  # a key of [advisory], not a table
    ],
)
def test_a_malformed_pointed_table_is_refused_naming_the_file(
    tmp_path: Path, table: str, complaint: str
) -> None:
    write_model(tmp_path, {"嘤": 1.5}, 0.0)
    write_pointed(tmp_path, table)
    with pytest.raises(RuleFileError, match=complaint) as raised:
        load_second_opinion([shipped_rules_dir(), tmp_path])
    assert ADVISORY_FILE in str(raised.value)


def test_rules_lint_names_a_malformed_pointed_table_in_chinese(tmp_path: Path) -> None:
    write_model(tmp_path, {"嘤": 1.5}, 0.0)
    write_pointed(tmp_path, '[pointed]\nadvise_at = "low"\n')
    completed = subprocess.run(
        [*LINT, "--rules", str(tmp_path), "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert ADVISORY_FILE in completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr


def test_a_lone_surrogate_is_scored_not_an_error() -> None:
    # half an emoji in a JSON string reaches the engine as a lone surrogate; OpenCC (in the
    # scorer's folding) cannot encode it, so it is read as U+FFFD
    assert grams("\ud83d好", 2) == ["\ufffd", "好", "\ufffd好"]
    result = shipped_engine().check("\ud83d傻逼")
    assert result.verdict == "block" and result.findings[0].start_cp == 1


# every full-width form (U+FF01..U+FF5E) and the ideographic space, as str.translate folds them
_TRANSLATE_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(),
            st.characters(min_codepoint=0xFF00, max_codepoint=0xFF60),
            st.sampled_from(list("傻逼妳們\u3000ＡＢｃ！？，。")),
        )
    )
)
@settings(max_examples=300, deadline=None)
def test_fold_fast_folds_full_width_as_a_whole_table_would(text: str) -> None:
    """fold_fast replaces only the full-width forms present; the result must be what one
    translate over the whole table gives (the model's n-grams depend on it)."""
    expected = to_simplified(text.translate(_TRANSLATE_HALF_WIDTH).casefold())
    assert fold_fast(text) == expected
