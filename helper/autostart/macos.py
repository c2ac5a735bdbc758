"""macOS: a LaunchAgent in ``~/Library/LaunchAgents``, loaded by launchd at login.

``KeepAlive`` restarts the helper after a crash but not after ``helper stop`` (a clean exit);
launchd's own output of the process goes next to the helper's log, which holds everything
else (``--background`` writes nothing to stdout/stderr once logging is set up).
"""

from __future__ import annotations

import plistlib
from pathlib import Path

from helper.autostart import LaunchCommand, OneFileWriter

LABEL = "com.workbenchguard.helper"


def launch_agents_dir() -> Path:
    return Path.home() / "Library" / "LaunchAgents"


class LaunchAgentWriter(OneFileWriter):
    label = "macOS LaunchAgent"

    def path(self) -> Path:
        return launch_agents_dir() / f"{LABEL}.plist"

    def files(self, command: LaunchCommand) -> dict[Path, str]:
        logs = Path.home() / "Library" / "Logs" / "WorkbenchGuard"
        agent = {
            "Label": LABEL,
            "ProgramArguments": command.argv(),
            "RunAtLoad": True,
            "KeepAlive": {"SuccessfulExit": False},
            "ProcessType": "Interactive",
            "StandardOutPath": str(logs / "launchd.out.log"),
            "StandardErrorPath": str(logs / "launchd.err.log"),
        }
        return {self.path(): plistlib.dumps(agent).decode("utf-8")}

    def command_in(self, path: Path) -> list[str]:
        return list(plistlib.loads(path.read_bytes()).get("ProgramArguments", ()))
