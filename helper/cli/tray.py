"""``helper tray``: the tray icon of the running helper (started by ``serve --background``)."""

from __future__ import annotations

import signal
import sys

import click

from helper.cli.common import CliError, settings_options
from helper.settings import Settings
from helper.tray.launch import tray_available


@click.command()
@settings_options()
def tray(settings: Settings) -> None:
    """显示托盘图标：助手状态，以及打开仪表盘、配对扩展、暂停检查、停止助手。

    需要安装托盘组件：pip install ".[tray]"。helper serve --background 会自动启动它。
    """
    if not tray_available():
        raise CliError('没有安装托盘组件（pip install ".[tray]"），或者没有桌面会话')
    try:
        # pystray connects to the desktop when imported (on Linux it raises without X11).
        from helper.tray.icon import run_tray
    except Exception as exc:
        raise CliError(f"无法显示托盘图标：{type(exc).__name__} {exc}") from exc
    if sys.platform != "win32":
        # pystray's X11 loop waits in C for the next event, so Python's Ctrl+C handler would
        # run only after it; the tray holds nothing to clean up, so let the signals end it.
        for name in ("SIGINT", "SIGTERM"):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    run_tray(settings.paths)
