"""``helper autostart on|off|status``: start the helper at login, in the background."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import click

from helper.autostart import (
    Installed,
    LaunchCommand,
    all_writers,
    installing_python,
    writer_for,
)
from helper.autostart.linux import METHODS
from helper.cli.common import settings_options
from helper.settings import Settings


@click.group()
def autostart() -> None:
    """开机（登录）时自动在后台启动助手，不打开终端窗口。"""


def _shown(argv: tuple[str, ...] | list[str]) -> str:
    return subprocess.list2cmdline(argv) if sys.platform == "win32" else shlex.join(argv)


@autostart.command("on")
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="auto",
    show_default=True,
    help="仅用于 Linux：xdg 桌面登录时启动，systemd 用户服务，auto 自动选择。",
)
@settings_options()
def on(settings: Settings, method: str) -> None:
    """开启：登录时用当前的 Python 和数据目录在后台运行 helper serve。"""
    data_dir = settings.paths.data_dir if settings.paths.explicit else None
    command = LaunchCommand(installing_python(), data_dir)
    writer = writer_for(method=method)
    for other in all_writers():
        if type(other) is not type(writer):
            other.remove()  # switching mechanism (Linux): never two entries
    files = writer.install(command)
    click.secho(f"已开启开机自启动（{writer.label}）", fg="green")
    for path in files:
        click.echo(f"  文件：{path}")
    click.echo(f"  命令：{_shown(command.argv())}")
    click.echo("下次登录时助手会在后台启动，并显示通知「工作台卫士已在后台运行」。")
    click.echo("现在就启动：helper serve（或重新登录）。关闭：helper autostart off")


@autostart.command("off")
def off() -> None:
    """关闭：删除 helper autostart on 创建的所有文件（不会停止正在运行的助手）。"""
    removed = [path for writer in all_writers() for path in writer.remove()]
    if not removed:
        click.echo("开机自启动本来就没有开启。")
        return
    click.secho("已关闭开机自启动", fg="green")
    for path in removed:
        click.echo(f"  已删除：{path}")
    click.echo("正在运行的助手不受影响；停止它：helper stop")


@autostart.command("status")
def status() -> None:
    """查看开机自启动是否开启、启动什么命令。退出码：0 已开启，1 未开启。"""
    found = [(writer.label, entry) for writer in all_writers() if (entry := writer.read())]
    if not found:
        click.echo("开机自启动未开启（开启：helper autostart on）")
        raise click.exceptions.Exit(1)
    for label, entry in found:
        click.echo(f"开机自启动已开启（{label}）")
        _describe(entry)


def _describe(entry: Installed) -> None:
    for path in entry.files:
        click.echo(f"  文件：{path}")
    click.echo(f"  命令：{_shown(entry.argv)}")
    if entry.argv and not Path(entry.argv[0]).exists():
        click.secho(
            f"  注意：{entry.argv[0]} 已不存在（虚拟环境被删除或移动？），"
            "请在新的环境中重新运行 helper autostart on",
            fg="yellow",
        )
    if "--data-dir" in entry.argv:
        click.echo(f"  数据目录：{entry.argv[entry.argv.index('--data-dir') + 1]}")
    else:
        click.echo("  数据目录：默认位置（helper serve 启动时显示）")
