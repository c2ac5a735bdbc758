"""The command line: help everywhere, one-line errors, no tracebacks for user errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from helper.cli import main
from tests.support.helper_process import run_cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path, asking the group (sub-commands are loaded lazily)."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_the_command_tree_is_complete() -> None:
    paths = {" ".join(path) for path in _commands(main)}
    for expected in (
        "serve",
        "pair",
        "token create",
        "check",
        "rules lint",
        "rules test",
        "rules reload",
        "contacts check",
        "contacts log",
        "contacts history",
        "complaints add",
        "complaints list",
        "complaints show",
        "complaints done",
    ):
        assert expected in paths


@pytest.mark.parametrize("path", list(_commands(main)), ids=" ".join)
def test_every_command_has_help_in_chinese(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="helper")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"用法：helper {' '.join(path)}")
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "[default:"):
        assert english not in result.output
    ctx = click.Context(main)
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(ctx, name)  # type: ignore[assignment]
    assert_chinese(f"helper {' '.join(path)}", command.help)
    for param in command.params:
        if isinstance(param, click.Option):
            assert_chinese(f"helper {' '.join(path)} {param.opts[0]}", param.help)


# Three English words in a row (names such as tmall_intl or America/New_York count as one).
_ENGLISH_RUN = re.compile(r"[A-Za-z_]{2,}(?:[ ,]+[A-Za-z_]{2,}){2,}")
# What may stay English in a description: option names, command lines, code in backticks.
_NOT_PROSE = re.compile(r"`[^`]*`|--?[a-z][a-z-]*|\bhelper(?: [a-z-]+)*")


def assert_chinese(what: str, description: str | None) -> None:
    assert description, f"{what}: no description"
    prose = _NOT_PROSE.sub(" ", description)
    assert re.search(r"[\u4e00-\u9fff]", prose), f"{what}: not Chinese: {description!r}"
    english = _ENGLISH_RUN.search(prose)
    assert english is None, f"{what}: English in the description: {english.group()!r}"


def test_the_description_check_catches_english() -> None:
    with pytest.raises(AssertionError):
        assert_chinese("x", "Show the contact history of BUYER.")
    with pytest.raises(AssertionError):
        assert_chinese("x", "显示记录. Only records from this time on.")
    assert_chinese("x", "平台：taobao、tmall、tmall_intl 或 1688（helper rules lint 检查）。")


def test_revoking_unknown_client_is_one_line(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "pair", "--revoke", "999", check=False)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("错误：")
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_config_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("[server]\nport = 1\nbogus = 2\n", encoding="utf-8")
    result = run_cli(tmp_path, "pair", "--list", check=False)
    assert result.returncode == 1
    assert "config.toml:3" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_default_platform_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[checks]\ndefault_platform = "jd"\n', encoding="utf-8")
    result = run_cli(tmp_path, "pair", "--list", check=False)
    assert result.returncode == 1
    assert "default_platform" in result.stderr and "taobao" in result.stderr


def test_token_create_prints_a_working_token_once(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "token", "create", "--name", "export")
    token = result.stdout.strip()
    assert token.startswith("wbg_") and len(token) > 40
    assert "export" in run_cli(tmp_path, "pair", "--list").stdout


def test_a_bad_option_value_is_one_line_naming_the_option(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "contacts", "check", "tb_buyer", "--at", "soon", check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "错误：--at：不是有效的时间：'soon'（例如 2026-11-22T15:00，北京时间）。"
        "查看用法：python -m helper contacts check --help"
    ]
