"""``helper status`` and ``helper stop``: the running helper of this data directory."""

from __future__ import annotations

import json
import time
from datetime import datetime

import click

from helper.cli.common import CliError, settings_options
from helper.control import ControlError, HelperControl, NotRunning
from helper.runstate import lock_held, server_running
from helper.settings import Settings
from helper.times import beijing

# How long `helper stop` waits for the helper to finish its clean-up and release the lock.
_STOP_WAIT_SECONDS = 30.0


def not_running_line(settings: Settings) -> str:
    return f"助手没有在运行（数据目录 {settings.paths.data_dir}）"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@settings_options()
def status(settings: Settings, as_json: bool) -> None:
    """助手是否在运行：进程、端口、版本、运行时长、数据库和规则状态。

    退出码：0 正在运行，1 没有运行。
    """
    try:
        control = HelperControl.find(settings.paths)
        answer = control.status()
    except NotRunning:
        if as_json:
            click.echo(json.dumps({"running": False}))
        else:
            click.echo(not_running_line(settings))
        raise click.exceptions.Exit(1) from None
    except ControlError as exc:
        raise CliError(f"助手正在运行，但无法获取状态：{exc}") from exc
    if as_json:
        click.echo(json.dumps({"running": True, **answer}, ensure_ascii=False))
        return
    click.secho("工作台卫士助手正在运行", fg="green")
    for label, value in _status_lines(answer):
        click.echo(f"  {label}：{value}")


def _status_lines(answer: dict) -> list[tuple[str, str]]:
    rules = answer["rules"]
    rules_text = "正常" if rules["status"] == "ok" else "有问题：" + "；".join(rules["problems"])
    paused = answer.get("checks_paused_until")
    started = datetime.fromisoformat(answer["started_at"])
    store_ok = answer["store"]["ok"]
    return [
        ("进程", str(answer["pid"])),
        ("地址", f"http://127.0.0.1:{answer['port']}"),
        ("版本", answer["version"]),
        ("已运行", f"{_duration(answer['uptime_seconds'])}（{beijing(started)} 北京时间启动）"),
        ("数据库", f"{answer['store']['dialect']}，{'正常' if store_ok else '无法访问'}"),
        ("规则", rules_text),
        ("消息检查", f"已暂停，{beijing(paused)}（北京时间）恢复" if paused else "正常"),
    ]


def _duration(seconds: int) -> str:
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes = rest // 60
    if hours:
        return f"{hours} 小时 {minutes} 分钟"
    return f"{minutes} 分钟" if minutes else f"{seconds} 秒"


@click.command()
@settings_options()
def stop(settings: Settings) -> None:
    """停止这个数据目录上正在运行的助手（与按 Ctrl+C 一样正常退出）。

    退出码：0 已停止，1 没有在运行或无法停止。
    """
    try:
        control = HelperControl.find(settings.paths)
        control.stop()
    except NotRunning:
        click.echo(not_running_line(settings))
        raise click.exceptions.Exit(1) from None
    except ControlError as exc:
        if not server_running(settings.paths):  # it was already shutting down
            click.echo(not_running_line(settings))
            raise click.exceptions.Exit(1) from None
        raise CliError(f"无法停止助手：{exc}") from exc
    click.echo(f"正在停止助手（进程 {control.info.pid}）…")
    deadline = time.monotonic() + _STOP_WAIT_SECONDS
    while lock_held(settings.paths):  # released last, after the clean-up
        if time.monotonic() > deadline:
            seconds = f"{_STOP_WAIT_SECONDS:.0f}"
            raise CliError(f"助手（进程 {control.info.pid}）在 {seconds} 秒内没有停止")
        time.sleep(0.2)
    click.secho("助手已停止", fg="green")
