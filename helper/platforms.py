"""Platforms (淘宝, 天猫, 天猫国际, 1688): penalties and deadlines, read from
``rules/platforms/*.toml``. Numbers live in those files with their source and the date they
took effect; nothing here knows a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from helper.rulefiles import (
    RuleFileError,
    check_keys,
    line_of,
    load_toml,
    rule_files,
    with_start_lines,
)
from helper.rulesets import RuleFamily, register
from helper.text import fold

# The four scenes of 恶意骚扰 the platforms penalise, and the advisory scene 服务态度 (tone),
# which no platform penalises: its findings only remind the agent (verdict warn, never block).
PENALISED_SCENES = ("insult", "threat", "harassment", "mailing")
ADVISORY_SCENES = ("tone",)
SCENES = PENALISED_SCENES + ADVISORY_SCENES
# What the agent reads for each scene (the extension's _locales scene_* say the same).
SCENE_NAMES = {
    "insult": "辱骂",
    "threat": "威胁",
    "harassment": "骚扰",
    "mailing": "邮寄",
    "tone": "服务态度",
}
# Severities a platform penalty is graded by; "advisory" is the one severity of tone rules.
SEVERITIES = ("ordinary", "serious")
ADVISORY = "advisory"

_TOP_KEYS = {"platform", "penalty", "deadlines"}
_PLATFORM_KEYS = {"id", "name", "aliases", "time_zone"}
_PENALTY_KEYS = {
    "scene",
    "severity",
    "points",
    "payout_yuan",
    "summary",
    "source",
    "source_ref",
    "effective",
    "verified",
}
_DEADLINE_KEYS = {
    "evidence_days",
    "decision_from_workdays",
    "decision_by_workdays",
    "buyer_window_days",
    "source",
}


@dataclass(frozen=True)
class Penalty:
    scene: str  # a scene, or "*" for every scene
    severity: str
    points: int | None
    payout_yuan: int | None
    summary: str
    source: str  # what the agent is shown: the rule's name
    source_ref: str  # which of the project owner's source documents it comes from
    effective: date | None
    verified: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "points": self.points,
            "payout_yuan": self.payout_yuan,
            "summary": self.summary,
            "source": self.source,
            "source_ref": self.source_ref,
            "effective": self.effective.isoformat() if self.effective else None,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class Deadlines:
    evidence_days: int
    decision_from_workdays: int
    decision_by_workdays: int
    buyer_window_days: int
    source: str


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    aliases: tuple[str, ...]
    time_zone: ZoneInfo
    penalties: tuple[Penalty, ...]
    deadlines: Deadlines

    def penalty(self, scene: str, severity: str) -> Penalty | None:
        """The scene-specific penalty if the file has one, else the one for every scene; None
        for an advisory scene (tone), which no platform penalises."""
        if scene in ADVISORY_SCENES:
            return None
        for wanted_scene in (scene, "*"):
            for penalty in self.penalties:
                if penalty.scene == wanted_scene and penalty.severity == severity:
                    return penalty
        return None


class Platforms:
    """All known platforms, looked up by id or by any alias in either script."""

    def __init__(self, platforms: dict[str, Platform]) -> None:
        self.by_id = platforms
        self._names: dict[str, str] = {}
        for platform in platforms.values():
            for name in (platform.id, platform.name, *platform.aliases):
                self._names[fold(name)] = platform.id

    def resolve(self, name: str) -> Platform | None:
        found = self._names.get(fold(name.strip()))
        return self.by_id[found] if found else None

    def ids(self) -> list[str]:
        return sorted(self.by_id)


def load_platforms(dirs: Sequence[Path]) -> Platforms:
    """Raises RuleFileError naming the file and line for the first bad file."""
    platforms: dict[str, Platform] = {}
    for path in rule_files(dirs, "platforms"):
        platform = _load_file(path)
        if platform.id in platforms:
            raise RuleFileError(path, 1, f"platform id {platform.id!r} is defined twice")
        platforms[platform.id] = platform
    if not platforms:
        raise RuleFileError(Path("rules/platforms"), None, "no platform files found")
    return Platforms(platforms)


def _load_file(path: Path) -> Platform:
    data, text = load_toml(path)
    check_keys(data, _TOP_KEYS, path=path, text=text, where="the file")
    head = _table(data, "platform", path, text)
    check_keys(head, _PLATFORM_KEYS, path=path, text=text, where="[platform]")
    platform_id = _string(head, "id", path, text)
    try:
        tz = ZoneInfo(_string(head, "time_zone", path, text))
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleFileError(path, line_of(text, "time_zone"), "unknown time_zone") from None
    penalty_tables = data.get("penalty", [])
    if not isinstance(penalty_tables, list) or not penalty_tables:
        raise RuleFileError(path, None, "needs at least one [[penalty]] table")
    penalties = [
        _penalty(table, path, text, start)
        for table, start in with_start_lines(penalty_tables, "[[penalty]]", text)
    ]
    deadline_table = _table(data, "deadlines", path, text)
    check_keys(deadline_table, _DEADLINE_KEYS, path=path, text=text, where="[deadlines]")
    deadlines = Deadlines(
        **{
            key: _count(deadline_table, key, path, text)
            for key in sorted(_DEADLINE_KEYS - {"source"})
        },
        source=_string(deadline_table, "source", path, text),
    )
    if deadlines.decision_from_workdays > deadlines.decision_by_workdays:
        raise RuleFileError(
            path,
            line_of(text, "decision_from_workdays"),
            "decision_from_workdays must not exceed decision_by_workdays",
        )
    return Platform(
        id=platform_id,
        name=_string(head, "name", path, text),
        aliases=tuple(head.get("aliases", [])),
        time_zone=tz,
        penalties=tuple(penalties),
        deadlines=deadlines,
    )


def _penalty(table: dict[str, Any], path: Path, text: str, start: int) -> Penalty:
    check_keys(table, _PENALTY_KEYS, path=path, text=text, where="[[penalty]]", start_line=start)
    scene = table.get("scene", "*")
    if scene != "*" and scene not in PENALISED_SCENES:
        reason = "has no platform penalty" if scene in ADVISORY_SCENES else "is unknown"
        raise RuleFileError(
            path, line_of(text, "scene", start_line=start), f"scene {scene!r} {reason}"
        )
    severity = table.get("severity")
    if severity not in SEVERITIES:
        raise RuleFileError(
            path,
            line_of(text, "severity", start_line=start),
            f"severity must be one of {', '.join(SEVERITIES)}",
        )
    effective_text = table.get("effective", "")
    try:
        effective = date.fromisoformat(effective_text) if effective_text else None
    except (TypeError, ValueError):
        raise RuleFileError(
            path, line_of(text, "effective", start_line=start), 'effective must be YYYY-MM-DD or ""'
        ) from None
    for key in ("points", "payout_yuan"):
        value = table.get(key)
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < 0
        ):
            raise RuleFileError(
                path, line_of(text, key, start_line=start), f"{key} must be a whole number"
            )
    return Penalty(
        scene=scene,
        severity=severity,
        points=table.get("points"),
        payout_yuan=table.get("payout_yuan"),
        summary=_string(table, "summary", path, text),
        source=_string(table, "source", path, text),
        source_ref=_string(table, "source_ref", path, text),
        effective=effective,
        verified=bool(table.get("verified", False)),
    )


def _table(data: dict[str, Any], key: str, path: Path, text: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise RuleFileError(path, line_of(text, f"[{key}]"), f"needs a [{key}] table")
    return value


def _string(table: dict[str, Any], key: str, path: Path, text: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleFileError(path, line_of(text, key), f"{key} must be a non-empty string")
    return value


def _count(table: dict[str, Any], key: str, path: Path, text: str) -> int:
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise RuleFileError(path, line_of(text, key), f"{key} must be a positive whole number")
    return value


def _lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    problems: list[RuleFileError] = []
    seen: dict[str, Path] = {}
    for path in rule_files(dirs, "platforms"):
        try:
            platform = _load_file(path)
        except RuleFileError as exc:
            problems.append(exc)
            continue
        if platform.id in seen:
            problems.append(
                RuleFileError(path, 1, f"platform id {platform.id!r} also in {seen[platform.id]}")
            )
        seen[platform.id] = path
        for scene in PENALISED_SCENES:
            for severity in SEVERITIES:
                if platform.penalty(scene, severity) is None:
                    problems.append(RuleFileError(path, None, f"no penalty for {scene}/{severity}"))
    return problems


register(RuleFamily("platforms", lint=_lint))
