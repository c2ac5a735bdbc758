"""Start the helper at login, per OS user, with no window: one small writer per OS.

Every writer puts files in the user's own autostart location and nowhere else, so ``off``
removes exactly what ``on`` made. The entry runs the interpreter that ran ``helper autostart
on`` (``pythonw.exe`` on Windows: no console window) with ``-m helper serve --background``,
and passes ``--data-dir`` only when that command had one: the default data directory then stays
the platformdirs one, with config and logs where ``helper serve`` prints them.

Which mechanism each OS uses, and why, is in docs/daily-use.md.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

SERVICE_ID = "workbench-guard"


@dataclass(frozen=True)
class LaunchCommand:
    """What the login entry runs."""

    python: str
    data_dir: Path | None = None

    def argv(self) -> list[str]:
        args = [self.python, "-m", "helper", "serve", "--background"]
        if self.data_dir is not None:
            args += ["--data-dir", str(self.data_dir)]
        return args


@dataclass(frozen=True)
class Installed:
    """What ``status`` finds: where the entry is and the command line it runs."""

    files: tuple[Path, ...]
    argv: tuple[str, ...]


class AutostartWriter(Protocol):
    # Chinese, for users: where the entry lives ("Windows 启动文件夹").
    label: str

    def files(self, command: LaunchCommand) -> dict[Path, str]:
        """Every file ``on`` writes, with its content (pure: the tests read this)."""
        ...

    def install(self, command: LaunchCommand) -> list[Path]: ...

    def remove(self) -> list[Path]:
        """Delete what ``install`` wrote; the paths that existed."""
        ...

    def read(self) -> Installed | None: ...


def installing_python(executable: str | None = None, platform: str | None = None) -> str:
    """The interpreter the entry runs: this one, as ``pythonw.exe`` on Windows (no console)."""
    path = Path(executable or sys.executable)
    if (platform or sys.platform) == "win32":
        windowless = path.with_name("pythonw.exe")
        if windowless.exists() or executable is not None:
            return str(windowless)
    return str(path)


def write_files(files: dict[Path, str], *, mode: int = 0o644) -> list[Path]:
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        os.chmod(path, mode)
    return list(files)


def remove_files(paths: list[Path]) -> list[Path]:
    removed = []
    for path in paths:
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    return removed


class OneFileWriter:
    """A writer whose whole entry is one file: install writes it, remove deletes it, read
    parses the command back out of it (``command_in``)."""

    def path(self) -> Path:
        raise NotImplementedError

    def files(self, command: LaunchCommand) -> dict[Path, str]:
        raise NotImplementedError

    def command_in(self, path: Path) -> list[str]:
        raise NotImplementedError

    def install(self, command: LaunchCommand) -> list[Path]:
        return write_files(self.files(command))

    def remove(self) -> list[Path]:
        return remove_files([self.path()])

    def read(self) -> Installed | None:
        path = self.path()
        if not path.is_file():
            return None
        return Installed((path,), tuple(self.command_in(path)))


def writer_for(platform: str | None = None, method: str = "auto") -> AutostartWriter:
    """The writer for this OS (``method`` chooses between the two Linux mechanisms)."""
    platform = platform or sys.platform
    if platform == "win32":
        from helper.autostart.windows import StartupFolderWriter

        return StartupFolderWriter()
    if platform == "darwin":
        from helper.autostart.macos import LaunchAgentWriter

        return LaunchAgentWriter()
    from helper.autostart import linux

    return linux.choose(method)


def all_writers(platform: str | None = None) -> list[AutostartWriter]:
    """Every writer that may have made an entry on this OS (``status`` and ``off`` look at
    them all: on Linux either mechanism may have been chosen)."""
    if (platform or sys.platform).startswith("linux"):
        from helper.autostart import linux

        return list(linux.all_writers())
    return [writer_for(platform)]
