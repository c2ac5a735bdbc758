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

from helper.checks.message.scorer import FILE_NAME, SUBDIR, grams, load_scorer
from helper.rulefiles import RuleFileError, shipped_rules_dir

ROOT = Path(__file__).resolve().parent.parent
MODEL = shipped_rules_dir() / SUBDIR / FILE_NAME


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
    assert 0 < data["confirm_at"] <= data["advise_at"] < 1


def test_grams_fold_script_width_and_case_and_ignore_white_space() -> None:
    assert grams("傻 Ｂ", 2) == grams("傻b", 2) == {"傻", "b", "傻b"}
    assert grams("騷擾", 1) == {"骚", "扰"}
    assert grams("", 3) == set()


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
