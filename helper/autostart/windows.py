"""Windows: a ``.pyw`` file in the user's Startup folder that starts ``pythonw.exe``.

Why this and not a scheduled task: a logon-triggered task made with ``schtasks`` needs an
elevated prompt on a default Windows install, and by default a task is stopped after 3 days
and does not start on battery; agents have no admin rights and run all day on laptops. The
Startup folder is per user, needs no rights, and an agent can see and delete the entry in
Explorer (``shell:startup``) or switch it off in Task Manager's Startup tab.

The ``.pyw`` is opened by whichever Python the file type is associated with (the ``py``
launcher of a python.org install). It only starts the helper with the interpreter that ran
``helper autostart on`` (its ``pythonw.exe``, so no console window opens) and exits, so the
helper runs in the right virtual environment whatever Python opened the file.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import platformdirs

from helper.autostart import LaunchCommand, OneFileWriter

FILE_NAME = "WorkbenchGuard.pyw"
# Windows process-creation flags: no console window, not attached to the opener's console.
CREATE_NO_WINDOW = 0x08000000
DETACHED_PROCESS = 0x00000008

_TEMPLATE = """\
# Workbench Guard 工作台卫士: starts the helper at login without a window.
# Written by `helper autostart on`; `helper autostart off` deletes it.
import subprocess

ARGV = {argv!r}
CWD = {cwd!r}
subprocess.Popen(ARGV, cwd=CWD, creationflags={flags:#x}, close_fds=True)
"""


def startup_folder() -> Path:
    """``%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup`` of this user."""
    appdata = os.environ.get("APPDATA") or platformdirs.user_data_dir(roaming=True)
    return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"


class StartupFolderWriter(OneFileWriter):
    label = "Windows 启动文件夹"

    def path(self) -> Path:
        return startup_folder() / FILE_NAME

    def files(self, command: LaunchCommand) -> dict[Path, str]:
        argv = command.argv()
        script = _TEMPLATE.format(
            argv=argv,
            cwd=str(Path(command.python).parent),
            flags=CREATE_NO_WINDOW | DETACHED_PROCESS,
        )
        return {self.path(): script}

    def command_in(self, path: Path) -> list[str]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("ARGV = "):
                return list(ast.literal_eval(line.removeprefix("ARGV = ")))
        return []
