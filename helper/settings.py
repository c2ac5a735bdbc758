"""The helper's configuration: defaults, the TOML config file, then command-line overrides.

Every key is documented in README.md ("Configuration"). Unknown sections or keys and values
of the wrong type are errors that name the file and line, never silently ignored.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helper.paths import Paths, resolve_paths
from helper.rulefiles import RuleFileError, line_of, load_toml, shipped_rules_dir

DEFAULT_PORT = 47615
# The database URL from the environment; HELPER_DB_URL is the older name, still understood.
DB_URL_ENV = "HELPER_DATABASE_URL"
DB_URL_ENV_ALIAS = "HELPER_DB_URL"
AGENT_ENV = "HELPER_AGENT"
# The id that the pinned `key` in extension/manifest.json gives the extension.
DEFAULT_EXTENSION_ID = "kdejebnmjongecagojacbiommnoedloo"


@dataclass(frozen=True)
class ServerSettings:
    port: int = DEFAULT_PORT
    allowed_extension_ids: tuple[str, ...] = (DEFAULT_EXTENSION_ID,)
    max_body_bytes: int = 2 * 1024 * 1024


@dataclass(frozen=True)
class StoreSettings:
    # Empty: SQLite file in the data directory. A postgresql+psycopg:// URL is team mode
    # (docs/team-mode.md); its password never comes from this file (pgpass or PGPASSWORD).
    url: str = ""
    # How long a write waits for another program's database lock before answering 503
    # (docs/reliability.md). Short, so the agent hears at once that saving does not work.
    # On a team database it bounds the wait for a buyer's lock (lock_timeout).
    busy_timeout_ms: int = 2_000
    # Connections one helper keeps open to a team database (PostgreSQL), and how many more it
    # may open under load; many agents share one server, so keep these small.
    pool_size: int = 4
    max_overflow: int = 4


@dataclass(frozen=True)
class TeamSettings:
    # Who this helper's agent is in a team's shared records (HELPER_AGENT overrides it; empty:
    # the operating-system user name).
    agent: str = ""


@dataclass(frozen=True)
class LoggingSettings:
    level: str = "INFO"
    # DEBUG OPTION: writes message text and phone numbers into the log. Off by default.
    log_content: bool = False
    max_bytes: int = 1_000_000
    backups: int = 5


@dataclass(frozen=True)
class PrivacySettings:
    retention_days: int = 180


@dataclass(frozen=True)
class PairingSettings:
    code_ttl_seconds: int = 300
    max_failures: int = 5
    lockout_seconds: int = 300


@dataclass(frozen=True)
class ChecksSettings:
    default_platform: str = "taobao"
    # Longest message (in characters) POST /v1/check/message and `helper check` accept; a chat
    # message is far shorter, a longer text is a mistake (or an attempt to tie up the helper).
    max_message_chars: int = 10_000


@dataclass(frozen=True)
class RemindersSettings:
    # Minutes before the evidence deadline at which to remind (0 = at the deadline).
    offsets_minutes: tuple[int, ...] = (1440, 240, 60, 0)
    # A reminder handed out more than this after it was due is worded as overdue (the helper
    # was down or the PC slept). Covers the extension's polling interval.
    overdue_after_seconds: int = 120
    # How often the scheduler re-reads the table, to pick up reminders other processes
    # (``helper complaints add``, a team database) wrote.
    sync_seconds: int = 30
    # A reminder handed to a client by POST /v1/reminders/due and not acknowledged is handed
    # out again after this many seconds (the answer may never have arrived). At most 30.
    redeliver_seconds: int = 30
    # Desktop notifications: off sends reminders only to the extension (and the log).
    desktop: bool = True
    # A notification service that does not answer within this is treated as absent.
    desktop_timeout_seconds: int = 5


@dataclass(frozen=True)
class SnippetsSettings:
    # Page fragments larger than this are refused with 413 (parsing time grows with size).
    max_html_chars: int = 1_000_000
    # Work bounds (helper.sites.bounds, docs/reliability.md): a fragment with more tags, or
    # elements nested deeper, is refused with 422 before it is parsed.
    max_tags: int = 20_000
    max_depth: int = 256


@dataclass(frozen=True)
class Settings:
    paths: Paths
    rules_dirs: tuple[Path, ...]
    server: ServerSettings = field(default_factory=ServerSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    team: TeamSettings = field(default_factory=TeamSettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    pairing: PairingSettings = field(default_factory=PairingSettings)
    checks: ChecksSettings = field(default_factory=ChecksSettings)
    reminders: RemindersSettings = field(default_factory=RemindersSettings)
    snippets: SnippetsSettings = field(default_factory=SnippetsSettings)

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def local_db_url(self) -> str:
        """The SQLite file in the data directory: everything in single-agent mode, the
        pairing tokens (which stay per agent) in team mode."""
        return f"sqlite:///{self.paths.sqlite_file.as_posix()}"

    @property
    def db_url(self) -> str:
        return self.store.url or self.local_db_url

    @property
    def team_mode(self) -> bool:
        return not self.db_url.startswith("sqlite")

    @property
    def agent(self) -> str:
        return os.environ.get(AGENT_ENV, "").strip() or self.team.agent.strip() or _os_user()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name (a container without a passwd entry)
        return "agent"


_SECTION_CLASSES: dict[str, type] = {
    "server": ServerSettings,
    "store": StoreSettings,
    "team": TeamSettings,
    "logging": LoggingSettings,
    "privacy": PrivacySettings,
    "pairing": PairingSettings,
    "checks": ChecksSettings,
    "reminders": RemindersSettings,
    "snippets": SnippetsSettings,
}


def _coerce(path: Path, text: str, section: str, key: str, default: Any, value: Any) -> Any:
    def bad(expected: str) -> RuleFileError:
        return RuleFileError(
            path, line_of(text, key), f"[{section}] {key} must be {expected}, got {value!r}"
        )

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad("a non-negative whole number")
        return value
    if isinstance(default, str):
        if not isinstance(value, str):
            raise bad("a string")
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list):
            raise bad("a list")
        item_type = type(default[0]) if default else str
        if not all(isinstance(item, item_type) and not isinstance(item, bool) for item in value):
            raise bad(f"a list of {item_type.__name__}")
        return tuple(value)
    raise AssertionError(f"unsupported default type for {section}.{key}")


def _read_config_file(path: Path) -> dict[str, Any]:
    """Section name -> overrides, validated against the dataclass defaults."""
    if not path.is_file():
        return {}
    data, text = load_toml(path)
    overrides: dict[str, Any] = {}
    for section, values in data.items():
        cls = _SECTION_CLASSES.get(section)
        if cls is None:
            raise RuleFileError(
                path,
                line_of(text, f"[{section}]"),
                f"unknown section [{section}]; known: {', '.join(sorted(_SECTION_CLASSES))}",
            )
        if not isinstance(values, dict):
            raise RuleFileError(path, line_of(text, section), f"{section} must be a [table]")
        defaults = cls()
        known = {f.name for f in dataclasses.fields(cls)}
        section_values = {}
        for key, value in values.items():
            if key not in known:
                raise RuleFileError(
                    path,
                    line_of(text, key),
                    f"unknown key {key!r} in [{section}]; known: {', '.join(sorted(known))}",
                )
            section_values[key] = _coerce(path, text, section, key, getattr(defaults, key), value)
        overrides[section] = section_values
    _refuse_password(path, text, overrides.get("store", {}).get("url", ""))
    return overrides


def _refuse_password(path: Path, text: str, url: str) -> None:
    """A team database password in a plain config file is readable by anything on the PC
    that reads the file; it belongs in a pgpass file or PGPASSWORD (docs/team-mode.md)."""
    if not url or url.startswith("sqlite"):
        return
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(url).password
    except ArgumentError:
        raise RuleFileError(
            path, line_of(text, "url"), f"[store] url 不是有效的数据库地址：{url!r}"
        ) from None
    if password:
        raise RuleFileError(
            path,
            line_of(text, "url"),
            "[store] url 里不能写数据库密码：请删去密码，改用 pgpass 文件（PGPASSFILE）"
            "或环境变量 PGPASSWORD",
        )


def load_settings(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    port: int | None = None,
    rules_dir: str | os.PathLike[str] | None = None,
    db_url: str | None = None,
) -> Settings:
    """Settings for a command: defaults < config.toml < command-line options."""
    paths = resolve_paths(data_dir)
    overrides = _read_config_file(paths.config_file)
    sections = {
        name: dataclasses.replace(cls(), **overrides.get(name, {}))
        for name, cls in _SECTION_CLASSES.items()
    }
    if port is not None:
        sections["server"] = dataclasses.replace(sections["server"], port=port)
    if db_url:
        sections["store"] = dataclasses.replace(sections["store"], url=db_url)
    rules_dirs = [shipped_rules_dir(), paths.user_rules_dir]
    if rules_dir:
        rules_dirs.append(Path(rules_dir).expanduser().resolve())
    return Settings(paths=paths, rules_dirs=tuple(rules_dirs), **sections)
