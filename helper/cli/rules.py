"""``helper rules lint|test|reload``: check the rule files, run their examples, and make a
running helper pick up edited rules."""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

import click
from filelock import FileLock, Timeout

from helper.checks.message.reload import REQUEST_FILE, RESULT_FILE
from helper.cli.allow import allow, shop
from helper.cli.common import CliError, settings_options
from helper.rulesets import families
from helper.settings import Settings

# How long `rules reload` waits for the running helper (it looks every 2 seconds).
_RELOAD_WAIT_SECONDS = 10.0


@click.group()
def rules() -> None:
    """Check rule files (lint, test) and reload them in a running helper."""


rules.add_command(allow)
rules.add_command(shop)


@rules.command()
@settings_options(rules=True)
def lint(settings: Settings) -> None:
    """Report every problem in every rule file, with file and line."""
    count = _lint(settings)
    if count:
        raise CliError(f"规则文件有 {count} 处问题")
    click.secho("规则文件检查通过", fg="green")


@rules.command()
@settings_options(rules=True)
def test(settings: Settings) -> None:
    """Run every example of every rule: `flag` examples must be caught, `pass` ones not."""
    if _lint(settings):
        raise CliError("规则文件有问题，先修正 helper rules lint 报告的错误")
    failures = 0
    for family in families():
        if family.examples is None:
            continue
        problems = family.examples(settings.rules_dirs)
        for line in problems:
            click.secho(line, fg="red")
        failures += len(problems)
        if not problems:
            click.echo(f"{family.name}: 全部示例通过")
    if failures:
        raise CliError(f"{failures} 个规则示例不符合预期")
    click.secho("规则示例全部通过", fg="green")


@rules.command()
@settings_options(rules=True)
def reload(settings: Settings) -> None:
    """Check the rules, then ask a running `helper serve` to load them now.

    The command has no token, so it asks through a file in the data directory that the
    server's rule watcher looks at every 2 seconds; the server writes back the outcome.
    """
    if _lint(settings):
        raise CliError("规则文件有问题，正在运行的助手会继续使用上次有效的规则")
    paths = settings.paths
    paths.ensure()
    request_id = secrets.token_hex(8)
    (paths.data_dir / REQUEST_FILE).write_text(request_id, encoding="utf-8")
    if not _server_running(paths.lock_file):
        click.echo("规则检查通过。没有正在运行的助手，下次启动 helper serve 时生效。")
        return
    result = _wait_for_result(paths.data_dir / RESULT_FILE, request_id)
    if result is None:
        raise CliError("正在运行的助手没有回应重新加载请求，请查看日志")
    if not result.get("ok"):
        raise CliError(f"助手未能加载新规则，仍在使用上次有效的规则：{result.get('error')}")
    loaded = "、".join(result.get("loaded") or [])
    click.secho(f"已重新加载：{loaded} 生效", fg="green")


def _lint(settings: Settings) -> int:
    count = 0
    for family in families():
        for problem in family.lint(settings.rules_dirs):
            click.secho(str(problem), fg="red", err=True)
            count += 1
    return count


def _server_running(lock_file: Path) -> bool:
    """A running helper holds the data directory's lock."""
    lock = FileLock(str(lock_file))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


def _wait_for_result(result_file: Path, request_id: str) -> dict | None:
    deadline = time.monotonic() + _RELOAD_WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            result = None
        if isinstance(result, dict) and result.get("request") == request_id:
            return result
        time.sleep(0.2)
    return None
