"""The pack's rule files lint clean, and a mistake in a user's copy names the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.evidence.rules import load_evidence_rules
from helper.rulefiles import RuleFileError, shipped_rules_dir
from tests.support.helper_process import run_cli


def test_shipped_files_load() -> None:
    rules = load_evidence_rules([shipped_rules_dir()])
    assert [case.id for case in rules.cases][-1] == "our_number_no_call"
    assert {carrier.name for carrier in rules.carriers} == {"中国移动", "中国联通", "中国电信"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kept = "未接通后 {minutes} 分钟内未重拨"', 'kept = "{minute} 分钟"', "{minute}"),
        ("list_at_most = 6", "list_at_most = 0", "list_at_most"),
        ('closing = "', 'closingg = "', "closingg"),
    ],
)
def test_a_bad_user_copy_names_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    shipped = shipped_rules_dir() / "evidence" / "statements.toml"
    text = shipped.read_text("utf-8")
    assert old in text
    user = tmp_path / "evidence" / "statements.toml"
    user.parent.mkdir()
    user.write_text(text.replace(old, new), "utf-8")
    with pytest.raises(RuleFileError) as raised:
        load_evidence_rules([shipped_rules_dir(), tmp_path])
    assert str(user) in str(raised.value) and message in str(raised.value)
    assert raised.value.line is not None


def test_rules_lint_covers_the_evidence_files(data_dir: Path) -> None:
    user = data_dir / "rules" / "evidence" / "cases.toml"
    user.parent.mkdir(parents=True)
    text = (shipped_rules_dir() / "evidence" / "cases.toml").read_text("utf-8")
    user.write_text(text.replace('signals = ["warnings"]', 'signals = ["rude"]'), "utf-8")
    result = run_cli(data_dir, "rules", "lint", check=False)
    assert result.returncode != 0 and "cases.toml" in result.stdout + result.stderr
