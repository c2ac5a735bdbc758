"""Starting the tray icon as its own process (``helper tray``), only if pystray is installed."""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys

from helper.settings import Settings

log = logging.getLogger(__name__)

# Windows: no console window for the child.
_CREATE_NO_WINDOW = 0x08000000


def tray_available() -> bool:
    """pystray and Pillow are installed (looked up, not imported: no cost here) and, on
    Linux, there is a desktop session for the icon."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return False
    return all(importlib.util.find_spec(name) is not None for name in ("pystray", "PIL"))


def tray_command(settings: Settings) -> list[str]:
    argv = [sys.executable, "-m", "helper", "tray"]
    if settings.paths.explicit:
        argv += ["--data-dir", str(settings.paths.data_dir)]
    return argv


def start_tray_process(settings: Settings) -> subprocess.Popen[bytes] | None:
    if not tray_available():
        log.info("tray icon not started: pystray not installed (.[tray]) or no desktop session")
        return None
    flags = _CREATE_NO_WINDOW if sys.platform == "win32" else 0
    process = subprocess.Popen(
        tray_command(settings),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        creationflags=flags,
    )
    log.info("tray icon started (process %d)", process.pid)
    return process
