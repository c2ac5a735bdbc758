"""Before the SQLite file is opened: a missing file comes back from the newest backup (every
command), and ``helper serve`` stops on a corrupt or unreadable file with one line that says
how to repair it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from helper.store import StoreUnavailable
from helper.store import backup as backups
from helper.store.files import make_owner_only, quick_check

REPAIR_COMMAND = "helper db restore"


def restore_if_missing(path: Path, data_dir: Path, now: datetime) -> str | None:
    """A missing database comes back from the newest good backup, if there is one (else this
    is a first start: an empty, owner-only file). Returns a notice (Chinese) if restored."""
    if path.exists():
        make_owner_only(path)  # databases made before files were created owner-only
        return None
    found = backups.newest_good(backups.backups_dir(data_dir))
    if found is None:
        make_owner_only(path)
        return None
    backups.restore(found.path, path, now)
    taken = found.at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (
        f"数据库文件 {path.name} 不见了，已从备份 {found.path.name} 恢复："
        f"{taken} 之后的记录可能缺失"
    )


def check_integrity(path: Path) -> None:
    """SQLite's quick_check; a StoreUnavailable naming the file and the repair if it fails."""
    problem = quick_check(path)
    if problem is not None:
        raise StoreUnavailable(
            f"数据库文件 {path} 已损坏或无法读取（{problem}）。"
            f"请运行 {REPAIR_COMMAND} 从最近的备份恢复",
            "corrupt",
        )
