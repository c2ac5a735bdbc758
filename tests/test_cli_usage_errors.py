"""click's usage errors come out as one Chinese line with a hint and exit code 1 (README)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helper.cli import main
from tests.support.helper_process import run_cli

# (arguments, the line expected on stderr). Every one also ends with the usage hint.
CASES = [
    (["serv"], "错误：没有命令 serv。您是不是要用 'serve'？查看用法：helper --help"),
    (["--bogus"], "错误：没有选项 --bogus。查看用法：helper --help"),
    (
        ["check", "--platfrom", "tmall", "你好"],
        "错误：没有选项 --platfrom。您是不是要用 '--platform'？查看用法：helper check --help",
    ),
    (
        ["contacts", "check", "tb_buyer", "--at"],
        "错误：选项 --at 需要一个值。查看用法：helper contacts check --help",
    ),
    (
        ["contacts", "log", "tb_buyer", "-c", "call", "-o", "maybe"],
        "错误：--outcome：'maybe' 不是可选值，可选：'answered', 'unanswered', 'busy', "
        "'rejected', 'sent', 'failed'。查看用法：helper contacts log --help",
    ),
    (
        ["check", "--rules", "/nonexistent-rules-dir", "你好"],
        "错误：--rules：目录 '/nonexistent-rules-dir' 不存在。查看用法：helper check --help",
    ),
    (
        ["token", "create"],
        "错误：缺少选项 --name（令牌的用途，例如「导出脚本」）。"
        "查看用法：helper token create --help",
    ),
    (
        ["contacts", "check", "tb_buyer"],
        "错误：缺少选项 --channel（联系方式）。可选：call, sms, im, email, parcel。"
        "查看用法：helper contacts check --help",
    ),
    (["contacts", "history"], "错误：缺少参数 BUYER。查看用法：helper contacts history --help"),
    (
        ["contacts", "history", "tb_buyer", "--limit", "0"],
        "错误：--limit：0 不在允许的范围 1<=x<=10000 内。查看用法：helper contacts history --help",
    ),
    (
        ["complaints", "show", "abc"],
        "错误：COMPLAINT_ID：'abc' 不是有效的整数。查看用法：helper complaints show --help",
    ),
    (
        ["pair", "--no-wait", "extra"],
        "错误：多余的参数（extra）。查看用法：helper pair --help",
    ),
]


@pytest.mark.parametrize(("args", "line"), CASES, ids=lambda case: " ".join(case))
def test_usage_error_is_one_chinese_line_with_exit_1(
    tmp_path: Path, args: list[str], line: str
) -> None:
    result = CliRunner().invoke(
        main, args, prog_name="helper", env={"HELPER_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""


def test_a_real_process_shows_the_same_line(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "token", "create", check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "错误：缺少选项 --name（令牌的用途，例如「导出脚本」）。"
        "查看用法：python -m helper token create --help"
    ]
    assert "Traceback" not in result.stderr and "Usage" not in result.stderr


def test_a_group_alone_shows_its_help(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["contacts"], prog_name="helper")
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：helper contacts")


def _all_commands() -> list[tuple[str, ...]]:
    from tests.test_cli import _commands

    return [(), *_commands(main)]


@pytest.mark.parametrize("path", _all_commands(), ids=lambda path: " ".join(path) or "helper")
def test_every_command_answers_an_unknown_option_in_chinese(
    tmp_path: Path, path: tuple[str, ...]
) -> None:
    result = CliRunner().invoke(
        main,
        [*path, "--no-such-option"],
        prog_name="helper",
        env={"HELPER_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 1, result.output
    command = " ".join(("helper", *path))
    assert result.stderr.splitlines() == [
        f"错误：没有选项 --no-such-option。查看用法：{command} --help"
    ]
