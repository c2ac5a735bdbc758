"""``helper rules allow add|list|remove`` and ``helper check`` respecting the allowances."""

from __future__ import annotations

from pathlib import Path

from tests.support.helper_process import run_cli


def test_allow_add_list_remove_and_check_respects_it(data_dir: Path) -> None:
    assert run_cli(data_dir, "check", "傻逼", check=False).returncode == 3
    added = run_cli(data_dir, "rules", "allow", "add", "傻逼", "--note", "测试", "--by", "小王")
    assert "已添加 #1" in added.stdout
    listed = run_cli(data_dir, "rules", "allow", "list").stdout
    assert "#1" in listed and "傻逼" in listed and "小王" in listed and "测试" in listed
    allowed = run_cli(data_dir, "check", "傻逼", check=False)
    assert allowed.returncode == 0, allowed.stdout
    assert "通过" in allowed.stdout
    jsonl = run_cli(data_dir, "check", "--jsonl", input_text="傻逼\n你这个垃圾\n").stdout
    verdicts = [line for line in jsonl.splitlines() if line.strip()]
    assert '"verdict": "ok"' in verdicts[0] and '"verdict": "ok"' not in verdicts[1]

    assert "已删除 #1" in run_cli(data_dir, "rules", "allow", "remove", "1").stdout
    assert run_cli(data_dir, "check", "傻逼", check=False).returncode == 3
    assert "还没有" in run_cli(data_dir, "rules", "allow", "list").stdout


def test_the_list_says_when_a_whole_rule_is_silenced(data_dir: Path) -> None:
    whole_rule = "「辱骂：含有脏话或辱骂性词语」这一类句子（整条规则，所有这类句子都不再提示）"
    added = run_cli(data_dir, "rules", "allow", "add", "insult.curse", "--rule", "insult.curse")
    assert f"以后不再提示{whole_rule}（规则 insult.curse）" in added.stdout
    run_cli(data_dir, "rules", "allow", "add", "SB-200")
    listed = run_cli(data_dir, "rules", "allow", "list").stdout.splitlines()
    assert f"以后不再提示的是：{whole_rule}  insult.curse" in listed[0]
    assert "以后不再提示的是：“SB-200”这个词  所有可放行的规则" in listed[1]
    # The sentence shape is silenced; the word 垃圾 inside it is a finding of its own rule and,
    # not allowed, still holds the send.
    checked = run_cli(data_dir, "check", "你就是个垃圾", check=False)
    assert checked.returncode == 3
    assert "insult.curse" not in checked.stdout and "“垃圾”" in checked.stdout


def test_threats_and_bad_input_are_one_line_chinese_errors(data_dir: Path) -> None:
    for args in (
        ("add", "去你家找你"),
        ("add", "好", "--rule", "threat.address"),
        ("add", "好", "--rule", "no.such"),
        ("add", "  "),
        ("remove", "7"),
    ):
        result = run_cli(data_dir, "rules", "allow", *args, check=False)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("错误："), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert "还没有" in run_cli(data_dir, "rules", "allow", "list").stdout


def test_help_is_chinese(data_dir: Path) -> None:
    shown = run_cli(data_dir, "rules", "allow", "--help").stdout
    assert "以后不再提示" in shown and "威胁" in shown


def test_shop_profile_from_the_cli_changes_what_check_says(data_dir: Path) -> None:
    assert run_cli(data_dir, "check", "花圈明天发货", check=False).returncode == 3
    run_cli(data_dir, "rules", "shop", "set", "--platform", "1688", "--category", "funeral")
    shown = run_cli(data_dir, "rules", "shop", "show").stdout
    assert "1688" in shown and "丧葬用品" in shown and "命令行" in shown
    passed = run_cli(data_dir, "check", "花圈明天发货", check=False)
    assert passed.returncode == 0 and "平台 1688" in passed.stdout
    assert run_cli(data_dir, "check", "给你寄花圈", check=False).returncode == 3
    bad = run_cli(data_dir, "rules", "shop", "set", "--category", "weapons", check=False)
    assert bad.returncode == 1 and bad.stderr.startswith("错误：")
    assert "丧葬用品" in run_cli(data_dir, "rules", "shop", "show").stdout  # nothing lost
