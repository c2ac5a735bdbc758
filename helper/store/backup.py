"""Consistent copies of the SQLite database, kept in ``<data dir>/backups``.

A copy is taken with SQLite's online backup API (consistent while the helper writes), checked
with ``PRAGMA quick_check`` and only then given its final name, ``helper-YYYYMMDDTHHMMSSZ.db``
(UTC). ``prune`` keeps the newest copy of each of the last 7 days that have one, plus the
newest of each of the last 4 ISO weeks; everything else goes. Copies are owner-only, like
``secret.key`` (which is not copied: a restore keeps the install's key, so buyer keys and
token hashes still match).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from helper.store.files import make_owner_only, quick_check

PREFIX = "helper-"
SUFFIX = ".db"
_STAMP = "%Y%m%dT%H%M%SZ"
KEEP_DAYS = 7
KEEP_WEEKS = 4


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message is Chinese, for the user."""


@dataclass(frozen=True)
class Backup:
    path: Path
    at: datetime  # when the copy was taken (UTC)

    def to_json(self) -> dict[str, str]:
        return {"file": self.path.name, "at": self.at.isoformat()}


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def take(source: sqlite3.Connection, directory: Path, now: datetime) -> Backup:
    """Copy the database ``source`` is connected to into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    at = now.astimezone(UTC).replace(microsecond=0)
    final = directory / f"{PREFIX}{at.strftime(_STAMP)}{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    partial.unlink(missing_ok=True)
    copy_into(source, partial)
    problem = quick_check(partial)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise BackupError(f"数据库已损坏（{problem}），未生成备份")
    os.replace(partial, final)
    return Backup(final, at)


def copy_into(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``source``'s database into the new file ``target``, owner-only."""
    make_owner_only(target)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
        # A single file: the copy needs no -wal beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def listing(directory: Path) -> list[Backup]:
    """The backups in ``directory``, newest first."""
    found = []
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    for name in names:
        if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
            continue
        try:
            at = datetime.strptime(name[len(PREFIX) : -len(SUFFIX)], _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(directory / name, at))
    return sorted(found, key=lambda backup: backup.at, reverse=True)


def prune(directory: Path) -> list[Backup]:
    """Delete the copies beyond the last 7 daily and 4 weekly ones; returns those deleted."""
    backups = listing(directory)
    keep: set[Path] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for backup in backups:  # newest first: the first of a day or week is its newest
        day = backup.at.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < KEEP_DAYS:
            days.add(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < KEEP_WEEKS:
            weeks.add(week)
            keep.add(backup.path)
    deleted = [backup for backup in backups if backup.path not in keep]
    for backup in deleted:
        backup.path.unlink(missing_ok=True)
    return deleted


def newest_good(directory: Path) -> Backup | None:
    """The newest backup that passes ``quick_check``."""
    for backup in listing(directory):
        if quick_check(backup.path) is None:
            return backup
    return None


def restore(backup: Path, target: Path, now: datetime) -> Path | None:
    """Put a copy of ``backup`` in place of the database ``target``.

    The database there (and its -wal/-shm) is kept beside it as
    ``<name>.before-restore-<time>``,
    never deleted; returns that path, or None when there was no database. The caller makes
    sure no helper has the database open.
    """
    problem = quick_check(backup)
    if problem is not None:
        raise BackupError(f"备份文件 {backup} 无法使用（{problem}）")
    stamp = now.astimezone(UTC).strftime(_STAMP)
    kept = None
    if target.exists():
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    partial = target.with_name(target.name + ".restoring")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    try:
        copy_into(source, partial)
    finally:
        source.close()
    for suffix in ("", "-wal", "-shm"):
        old = target.with_name(target.name + suffix)
        if kept is not None and old.exists():
            os.replace(old, kept.with_name(kept.name + suffix))
        else:
            old.unlink(missing_ok=True)
    os.replace(partial, target)
    return kept
