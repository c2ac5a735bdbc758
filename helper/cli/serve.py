"""``helper serve``."""

from __future__ import annotations

import click

from helper.cli.common import settings_options
from helper.server import run_server
from helper.settings import Settings


@click.command()
@click.option(
    "--background",
    is_flag=True,
    help="后台运行（开机自启动用）：不输出到终端，只写日志文件，显示一条桌面通知和托盘图标。",
)
@settings_options(rules=True, port=True)
def serve(settings: Settings, background: bool) -> None:
    """在 127.0.0.1 上运行助手，直到按 Ctrl+C 或运行 helper stop。"""
    run_server(settings, background=background)
