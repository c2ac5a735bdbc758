"""Reading ``rules/contact/policy.toml`` into a ``PolicySet``: the default policy plus one
per platform that overrides some of it. Every mistake names the file and the line."""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from helper.contacts.tables import CHANNELS, OUTCOMES
from helper.rulefiles import RuleFileError, check_keys, line_of, load_toml, rule_files
from helper.rulesets import RuleFamily, register

ACTIONS = ("block", "warn", "off")
POLICY_FILE = "policy.toml"
_PLATFORM_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Rule:
    rule_id: str
    action: str  # "block", "warn" or "off"
    message: str  # a str.format template
    source: str
    effective: str
    channels: frozenset[str]

    @property
    def blocking(self) -> bool:
        return self.action == "block"

    def applies_to(self, channel: str) -> bool:
        return self.action != "off" and channel in self.channels


@dataclass(frozen=True)
class QuietHours(Rule):
    start: time
    end: time


@dataclass(frozen=True)
class RedialCooldown(Rule):
    minutes: int
    after_outcomes: frozenset[str]

    @property
    def period(self) -> timedelta:
        return timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class DailyCap(Rule):
    outcomes: frozenset[str]
    per_day: int


@dataclass(frozen=True)
class WindowCap(Rule):
    limit: int
    days: int

    @property
    def window(self) -> timedelta:
        return timedelta(days=self.days)


@dataclass(frozen=True)
class OptedOut(Rule):
    reply_message: str


@dataclass(frozen=True)
class Restricted(Rule):
    channel_message: str  # for a channel limit, which time never opens


@dataclass(frozen=True)
class HarassmentComplaint(Rule):
    im_message: str


@dataclass(frozen=True)
class Parcel(Rule):
    note_scene: str
    note_action: str
    note_message: str


@dataclass(frozen=True)
class Policy:
    quiet_hours: QuietHours
    redial_cooldown: RedialCooldown
    daily_caps: tuple[DailyCap, ...]
    weekly_total: WindowCap
    opted_out: OptedOut
    callback_later: Rule
    harassment_complaint: HarassmentComplaint
    parcel: Parcel
    restricted: Restricted

    @property
    def lookback(self) -> timedelta:
        """How far back the policy looks: the weekly window, or a local day plus the largest
        time-zone offset (±14 h), or the cool-down, whichever is longest."""
        return max(self.weekly_total.window, timedelta(days=2), self.redial_cooldown.period)


@dataclass(frozen=True)
class PolicySet:
    default: Policy
    by_platform: dict[str, Policy]
    path: Path

    def for_platform(self, platform_id: str) -> Policy:
        return self.by_platform.get(platform_id, self.default)


# Table name -> (allowed keys besides the common ones, placeholders its messages may use).
_COMMON = {"action", "message", "source", "effective"}
_TABLES: dict[str, tuple[set[str], set[str]]] = {
    "quiet_hours": ({"channels", "start", "end"}, {"local_time", "start", "end", "until"}),
    "redial_cooldown": (
        {"channels", "minutes", "after_outcomes"},
        {"last_time", "minutes", "until"},
    ),
    "weekly_total": ({"channels", "limit", "days"}, {"count", "limit", "days", "until"}),
    "opted_out": ({"reply_message"}, {"since", "excerpt", "channel_name"}),
    "callback_later": ({"channels"}, {"after"}),
    "restricted": (
        {"channels", "channel_message"},
        {"since", "excerpt", "local_time", "channel_name", "until"},
    ),
    "harassment_complaint": ({"channels", "im_message"}, set()),
    "parcel": ({"note_scene", "note_action", "note_message"}, {"rules"}),
}
_DAILY_CAP_KEYS = {"channels", "outcomes", "per_day"}
_DAILY_CAP_FIELDS = {"count", "limit"}


class _Reader:
    """Typed access to one table of the file, pointing errors at the right line."""

    def __init__(self, path: Path, text: str, table: dict[str, Any], where: str) -> None:
        self.path, self.text, self.table, self.where = path, text, table, where
        header = where.strip("[]")
        self.start = line_of(text, f"[{header}]") or 1

    def error(self, key: str, message: str) -> RuleFileError:
        return RuleFileError(
            self.path,
            line_of(self.text, key, start_line=self.start) or self.start,
            f"{self.where} {key}: {message}",
        )

    def value(self, key: str) -> Any:
        if key not in self.table:
            raise RuleFileError(self.path, self.start, f"{self.where} needs {key!r}")
        return self.table[key]

    def string(self, key: str) -> str:
        value = self.value(key)
        if not isinstance(value, str):
            raise self.error(key, "must be a string")
        return value

    def template(self, key: str, placeholders: Collection[str]) -> str:
        value = self.string(key)
        if not value.strip():
            raise self.error(key, "must not be empty")
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as exc:
            raise self.error(key, f"bad {{placeholder}}: {exc}") from None
        unknown = names - set(placeholders)
        if unknown:
            allowed = ", ".join(f"{{{p}}}" for p in sorted(placeholders)) or "none"
            raise self.error(
                key, f"unknown placeholder {{{sorted(unknown)[0]}}}; allowed: {allowed}"
            )
        return value

    def choice(self, key: str, choices: Sequence[str]) -> str:
        value = self.string(key)
        if value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}, got {value!r}")
        return value

    def names(self, key: str, choices: Sequence[str]) -> frozenset[str]:
        value = self.value(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, "must be a list of strings")
        for item in value:
            if item not in choices:
                raise self.error(key, f"unknown value {item!r}; known: {', '.join(choices)}")
        return frozenset(value)

    def count(self, key: str) -> int:
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.error(key, "must be a whole number of at least 1")
        return value

    def clock_time(self, key: str) -> time:
        value = self.string(key)
        try:
            if not re.fullmatch(r"\d{2}:\d{2}", value):
                raise ValueError
            return time.fromisoformat(value)
        except ValueError:
            raise self.error(key, f"must be a time like 21:00, got {value!r}") from None

    def common(self, name: str, placeholders: Collection[str]) -> dict[str, Any]:
        effective = self.string("effective")
        if effective and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", effective):
            raise self.error("effective", 'must be YYYY-MM-DD or ""')
        return {
            "rule_id": f"contact.{name}",
            "action": self.choice("action", ACTIONS),
            "message": self.template("message", placeholders),
            "source": self.string("source"),
            "effective": effective,
        }


def _policy(data: dict[str, Any], path: Path, text: str, prefix: str = "") -> Policy:
    check_keys(
        data, {*_TABLES, "daily_caps"}, path=path, text=text, where=f"[{prefix or 'the file'}]"
    )

    def reader(name: str) -> _Reader:
        where = f"[{prefix}{name}]"
        table = data.get(name)
        if not isinstance(table, dict):
            raise RuleFileError(path, line_of(text, "[") or 1, f"needs a {where} table")
        keys, _ = _TABLES[name]
        check_keys(table, _COMMON | keys, path=path, text=text, where=where)
        return _Reader(path, text, table, where)

    def common(name: str, r: _Reader) -> dict[str, Any]:
        return r.common(name, _TABLES[name][1])

    r = reader("quiet_hours")
    quiet = QuietHours(
        **common("quiet_hours", r),
        channels=r.names("channels", CHANNELS),
        start=r.clock_time("start"),
        end=r.clock_time("end"),
    )
    if quiet.start == quiet.end:
        raise r.error("end", 'must differ from start (use action = "off" to turn the rule off)')
    r = reader("redial_cooldown")
    cooldown = RedialCooldown(
        **common("redial_cooldown", r),
        channels=r.names("channels", CHANNELS),
        minutes=r.count("minutes"),
        after_outcomes=r.names("after_outcomes", OUTCOMES),
    )
    caps_table = data.get("daily_caps")
    if not isinstance(caps_table, dict) or not caps_table:
        raise RuleFileError(path, None, f"needs at least one [{prefix}daily_caps.<name>] table")
    caps = []
    for name, table in caps_table.items():
        where = f"[{prefix}daily_caps.{name}]"
        if not isinstance(table, dict):
            raise RuleFileError(path, line_of(text, name), f"{where} must be a table")
        check_keys(table, _COMMON | _DAILY_CAP_KEYS, path=path, text=text, where=where)
        cr = _Reader(path, text, table, where)
        caps.append(
            DailyCap(
                **cr.common(name, _DAILY_CAP_FIELDS),
                channels=cr.names("channels", CHANNELS),
                outcomes=cr.names("outcomes", OUTCOMES),
                per_day=cr.count("per_day"),
            )
        )
    r = reader("weekly_total")
    weekly = WindowCap(
        **common("weekly_total", r),
        channels=r.names("channels", CHANNELS),
        limit=r.count("limit"),
        days=r.count("days"),
    )
    r = reader("opted_out")
    opted_out = OptedOut(
        **common("opted_out", r),
        channels=frozenset(CHANNELS),
        reply_message=r.template("reply_message", ()),
    )
    r = reader("callback_later")
    callback = Rule(**common("callback_later", r), channels=r.names("channels", CHANNELS))
    r = reader("harassment_complaint")
    complaint = HarassmentComplaint(
        **common("harassment_complaint", r),
        channels=r.names("channels", CHANNELS),
        im_message=r.template("im_message", ()),
    )
    r = reader("parcel")
    parcel = Parcel(
        **common("parcel", r),
        channels=frozenset({"parcel"}),
        note_scene=r.string("note_scene"),
        note_action=r.choice("note_action", ACTIONS),
        note_message=r.template("note_message", _TABLES["parcel"][1]),
    )
    r = reader("restricted")
    restricted = Restricted(
        **common("restricted", r),
        channels=r.names("channels", CHANNELS),
        channel_message=r.template("channel_message", ("since", "excerpt", "channel_name")),
    )
    return Policy(
        quiet, cooldown, tuple(caps), weekly, opted_out, callback, complaint, parcel, restricted
    )


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_policy_file(path: Path, platform_ids: Collection[str] | None = None) -> PolicySet:
    data, text = load_toml(path)
    overrides = data.pop("platforms", {})
    default = _policy(data, path, text)
    if not isinstance(overrides, dict):
        raise RuleFileError(path, line_of(text, "platforms"), "platforms must be a table")
    by_platform = {}
    for platform_id, override in overrides.items():
        line = line_of(text, f"[platforms.{platform_id}")
        if not _PLATFORM_ID.match(platform_id) or (
            platform_ids is not None and platform_id not in platform_ids
        ):
            known = ", ".join(sorted(platform_ids)) if platform_ids else "lower-case ids"
            raise RuleFileError(path, line, f"unknown platform {platform_id!r}; known: {known}")
        if not isinstance(override, dict):
            raise RuleFileError(path, line, f"platforms.{platform_id} must be a table")
        by_platform[platform_id] = _policy(
            _merge(data, override), path, text, prefix=f"platforms.{platform_id}."
        )
    return PolicySet(default=default, by_platform=by_platform, path=path)


def policy_path(dirs: Sequence[Path]) -> Path:
    """The policy file in force: the user's copy overrides the shipped one as a whole."""
    found = rule_files(dirs, "contact", POLICY_FILE)
    if not found:
        raise RuleFileError(Path("rules/contact") / POLICY_FILE, None, "contact policy is missing")
    return found[-1]


def load_policy(dirs: Sequence[Path], platform_ids: Collection[str] | None = None) -> PolicySet:
    return load_policy_file(policy_path(dirs), platform_ids)


def _lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    from helper.platforms import load_platforms

    try:
        platform_ids: Collection[str] | None = load_platforms(dirs).ids()
    except RuleFileError:
        platform_ids = None  # the platforms family reports that file
    try:
        load_policy(dirs, platform_ids)
    except RuleFileError as exc:
        return [exc]
    return []


register(RuleFamily("contact_policy", lint=_lint))
