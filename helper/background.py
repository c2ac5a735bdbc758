"""What ``helper serve --background`` adds once it is ready: one desktop notification, so the
agent knows the helper started at login, and the tray icon in its own process (if installed).

Both run off the request path: the notification in a daemon thread (a broken notification
service cannot delay start-up), the tray as a separate process that talks to the helper
through /v1/admin like any local program.
"""

from __future__ import annotations

import logging
import threading

from helper.reminders.notify import DesktopNotify
from helper.settings import Settings
from helper.tray.launch import start_tray_process

log = logging.getLogger(__name__)

STARTED_TITLE = "工作台卫士已在后台运行"


def announce_background(settings: Settings) -> None:
    body = f"地址 http://127.0.0.1:{settings.port}。托盘图标或 helper status 查看状态。"
    notify = DesktopNotify(
        enabled=settings.reminders.desktop,
        timeout_seconds=settings.reminders.desktop_timeout_seconds,
    )

    def show() -> None:
        shown = notify.show(STARTED_TITLE, body)
        log.info("background start notification %s", "shown" if shown else "not shown (no service)")

    threading.Thread(target=show, name="background-notice", daemon=True).start()
    start_tray_process(settings)
