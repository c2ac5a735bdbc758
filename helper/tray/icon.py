"""The tray icon itself, drawn with pystray and Pillow (optional dependencies: ``.[tray]``).

Runs in the ``helper tray`` process only. All decisions live in helper.tray.model; this file
maps its state to a coloured icon and its menu items to pystray's, and re-reads the state
every few seconds.
"""

from __future__ import annotations

import threading
import webbrowser

import pystray
from PIL import Image, ImageDraw

from helper.paths import Paths
from helper.reminders.notify import DesktopNotify
from helper.tray.model import TrayModel, TrayState

REFRESH_SECONDS = 5.0
# pystray's X11 backend writes the title as a Latin-1 WM_NAME (a Chinese title raises) and X11
# trays show no tooltip anyway; every other backend takes Unicode.
_LATIN1_TITLE = pystray.Icon.__module__ == "pystray._xorg"
_COLOURS = {
    TrayState.RUNNING: (46, 160, 67),
    TrayState.DEGRADED: (230, 150, 20),
    TrayState.STOPPED: (140, 140, 140),
}


def draw(state: TrayState, size: int = 64) -> Image.Image:
    """A shield-coloured disc with a white bar: green running, amber degraded, grey stopped."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.ellipse((2, 2, size - 3, size - 3), fill=_COLOURS[state])
    third = size // 3
    pen.rectangle((third, size // 2 - 4, size - third, size // 2 + 4), fill=(255, 255, 255))
    return image


def _title(text: str) -> str:
    return "Workbench Guard" if _LATIN1_TITLE else text


def run_tray(paths: Paths, *, notify_timeout: float = 5.0) -> None:
    notifier = DesktopNotify(enabled=True, timeout_seconds=notify_timeout)
    model = TrayModel(paths, notify=notifier.show, open_url=webbrowser.open)
    finished = threading.Event()
    icon = pystray.Icon("workbench-guard", draw(TrayState.STOPPED), _title("工作台卫士"))

    def build_menu() -> pystray.Menu:
        items = [
            pystray.MenuItem(item.label, _call(item.action), enabled=item.enabled)
            for item in model.menu()
        ]
        return pystray.Menu(*items, pystray.Menu.SEPARATOR, pystray.MenuItem("退出托盘图标", quit))

    def _call(action):  # type: ignore[no-untyped-def]
        def run(_icon: pystray.Icon, _item: pystray.MenuItem) -> None:
            action()
            show()

        return run

    def quit(_icon: pystray.Icon, _item: pystray.MenuItem) -> None:
        finished.set()
        icon.stop()

    def show() -> None:
        icon.icon = draw(model.state)
        icon.title = _title(model.tooltip())
        icon.menu = build_menu()
        icon.update_menu()

    def watch(_icon: pystray.Icon) -> None:
        icon.visible = True
        while not finished.is_set():
            model.refresh()
            show()
            finished.wait(REFRESH_SECONDS)

    try:
        icon.run(setup=watch)
    except KeyboardInterrupt:  # Ctrl+C in a terminal that started `helper tray`
        icon.stop()
    finally:
        finished.set()  # ends the refresh loop, whichever way the icon's loop returned
