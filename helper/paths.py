"""Where the helper keeps its data, config and logs.

By default these are the per-user directories platformdirs gives for the OS (on Windows
%LOCALAPPDATA%\\WorkbenchGuard\\...). An explicit data directory (``--data-dir`` or
``HELPER_DATA_DIR``) holds everything, config and logs included, so that a test, a second
profile or a portable install is self-contained and every command agrees with the server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "WorkbenchGuard"
DATA_DIR_ENV = "HELPER_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path
    # True when a data directory was named (option or env): a process started on the user's
    # behalf (autostart, the tray) must then be given the same one.
    explicit: bool = False

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def user_rules_dir(self) -> Path:
        """Rule files here override or extend the shipped ones, file by file."""
        return self.config_dir / "rules"

    @property
    def secret_file(self) -> Path:
        return self.data_dir / "secret.key"

    @property
    def team_secret_file(self) -> Path:
        """The team keying secret (team mode; ``helper team join``)."""
        return self.data_dir / "team.key"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "helper.lock"

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "helper.db"

    @property
    def cache_dir(self) -> Path:
        """Derived data that can always be made again (the terms' spellings): inside a named
        data directory, else the OS's per-user cache folder."""
        if self.explicit:
            return self.data_dir / "cache"
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))

    @property
    def log_file(self) -> Path:
        return self.log_dir / "helper.log"

    def ensure(self) -> None:
        for directory in (self.data_dir, self.config_dir, self.log_dir):
            directory.mkdir(parents=True, exist_ok=True)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """Paths for an explicit data directory, else HELPER_DATA_DIR, else the OS defaults."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return Paths(data_dir=root, config_dir=root, log_dir=root / "logs", explicit=True)
    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
