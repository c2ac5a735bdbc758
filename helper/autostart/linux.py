"""Linux: an XDG autostart entry, or a systemd user unit where only systemd can start it.

The XDG entry (``$XDG_CONFIG_HOME/autostart/*.desktop``) is started by the desktop session,
which is where desktop notifications and the tray work, so it is the default. A systemd user
unit suits a PC that logs in without a desktop session but runs a systemd user instance;
``auto`` picks it only then. Enabling the unit is the ``default.target.wants`` link that
``systemctl --user enable`` would make, written directly so that ``on``/``off`` need no
running systemd (and can be tested under a temporary XDG_CONFIG_HOME).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from helper.autostart import (
    SERVICE_ID,
    Installed,
    LaunchCommand,
    OneFileWriter,
    remove_files,
    write_files,
)

METHODS = ("auto", "xdg", "systemd")


def _config_home() -> Path:
    return platformdirs.user_config_path()  # $XDG_CONFIG_HOME or ~/.config


@dataclass(frozen=True)
class ExecSyntax:
    """Double-quoted arguments as the desktop-entry spec and systemd read them: ``%`` is
    doubled for both; the desktop spec escapes ``"`` ``\\`` ``$`` and backquote with a
    backslash, systemd escapes ``"`` and ``\\`` and writes ``$`` as ``$$``."""

    escaped: str
    doubled: str


DESKTOP_EXEC = ExecSyntax(escaped='"\\`$', doubled="%")
SYSTEMD_EXEC = ExecSyntax(escaped='"\\', doubled="%$")


def quote_exec(argv: list[str], syntax: ExecSyntax) -> str:
    def one(arg: str) -> str:
        out = []
        for char in arg:
            if char in syntax.escaped:
                out.append("\\" + char)
            elif char in syntax.doubled:
                out.append(char * 2)
            else:
                out.append(char)
        return '"' + "".join(out) + '"'

    return " ".join(one(arg) for arg in argv)


def parse_exec(line: str, syntax: ExecSyntax) -> list[str]:
    """The arguments of a line ``quote_exec`` wrote (unquoted words are split on spaces)."""
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    index = 0
    while index < len(line):
        char = line[index]
        pair = line[index : index + 2]
        if quoted and char == "\\" and index + 1 < len(line):
            current.append(line[index + 1])  # type: ignore[union-attr]
            index += 2
            continue
        if char in syntax.doubled and pair == char * 2:
            (current if current is not None else (current := [])).append(char)
            index += 2
            continue
        if char == '"':
            quoted = not quoted
            current = current if current is not None else []
        elif char == " " and not quoted:
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            (current if current is not None else (current := [])).append(char)
        index += 1
    if current is not None:
        args.append("".join(current))
    return args


def _value(text: str, key: str) -> str | None:
    prefix = f"{key}="
    for line in text.splitlines():
        if line.startswith(prefix):
            return line.removeprefix(prefix)
    return None


class XdgAutostartWriter(OneFileWriter):
    label = "XDG 自动启动，桌面登录时运行"

    def path(self) -> Path:
        return _config_home() / "autostart" / f"{SERVICE_ID}.desktop"

    def files(self, command: LaunchCommand) -> dict[Path, str]:
        entry = "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                "Name=Workbench Guard 工作台卫士",
                "Comment=工作台卫士助手（后台运行）",
                f"Exec={quote_exec(command.argv(), DESKTOP_EXEC)}",
                "Terminal=false",
                "NoDisplay=true",
                "X-GNOME-Autostart-enabled=true",
                "",
            ]
        )
        return {self.path(): entry}

    def command_in(self, path: Path) -> list[str]:
        exec_line = _value(path.read_text(encoding="utf-8"), "Exec") or ""
        return parse_exec(exec_line, DESKTOP_EXEC)


class SystemdUserWriter:
    label = "systemd 用户服务"

    def unit_path(self) -> Path:
        return _config_home() / "systemd" / "user" / f"{SERVICE_ID}.service"

    def wants_link(self) -> Path:
        return self.unit_path().parent / "default.target.wants" / self.unit_path().name

    def files(self, command: LaunchCommand) -> dict[Path, str]:
        unit = "\n".join(
            [
                "[Unit]",
                "Description=Workbench Guard 工作台卫士 helper",
                "",
                "[Service]",
                f"ExecStart={quote_exec(command.argv(), SYSTEMD_EXEC)}",
                # Restart after a crash, not after `helper stop` (a clean exit).
                "Restart=on-failure",
                "",
                "[Install]",
                "WantedBy=default.target",
                "",
            ]
        )
        return {self.unit_path(): unit}

    def install(self, command: LaunchCommand) -> list[Path]:
        written = write_files(self.files(command))
        link = self.wants_link()
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(self.unit_path())
        _reload_systemd()
        return [*written, link]

    def remove(self) -> list[Path]:
        removed = remove_files([self.wants_link(), self.unit_path()])
        if removed:
            _reload_systemd()
        return removed

    def read(self) -> Installed | None:
        path = self.unit_path()
        if not path.is_file():
            return None
        exec_line = _value(path.read_text(encoding="utf-8"), "ExecStart") or ""
        files = (path, self.wants_link()) if self.wants_link().is_symlink() else (path,)
        return Installed(files, tuple(parse_exec(exec_line, SYSTEMD_EXEC)))


def systemd_user_running() -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(runtime) and (Path(runtime) / "systemd" / "private").exists()


def desktop_session() -> bool:
    return any(
        os.environ.get(name) for name in ("XDG_CURRENT_DESKTOP", "DISPLAY", "WAYLAND_DISPLAY")
    )


def _reload_systemd() -> None:
    """Let a running systemd user instance see the unit now rather than at the next login."""
    systemctl = shutil.which("systemctl")
    if systemctl and systemd_user_running():
        subprocess.run(
            [systemctl, "--user", "daemon-reload"], check=False, capture_output=True, timeout=30
        )


def all_writers() -> list[XdgAutostartWriter | SystemdUserWriter]:
    return [XdgAutostartWriter(), SystemdUserWriter()]


def choose(method: str) -> XdgAutostartWriter | SystemdUserWriter:
    if method == "systemd" or (
        method == "auto" and systemd_user_running() and not desktop_session()
    ):
        return SystemdUserWriter()
    return XdgAutostartWriter()
