"""``helper db``: create or migrate the schema (``upgrade``, both engines), check the
database (engine, reachability, schema revision; file integrity and backups on SQLite; the
team key on a team database), back up and restore the SQLite file (docs/reliability.md,
docs/team-mode.md)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import click
from filelock import FileLock, Timeout
from sqlalchemy.engine import make_url

from helper.cli.common import CliError, settings_options
from helper.settings import Settings
from helper.store import backup as backups
from helper.store.files import quick_check, sqlite_file
from helper.store.startup import REPAIR_COMMAND


@click.group()
def db() -> None:
    """数据库：建表或升级结构、检查、备份、从备份恢复。"""


def shown_url(url: str) -> str:
    """The URL with any password replaced by ***, for output."""
    return make_url(url).render_as_string(hide_password=True)


@db.command()
@settings_options()
def upgrade(settings: Settings) -> None:
    """创建或升级数据库结构（SQLite 或团队的 PostgreSQL；用 --db 指定）。"""
    from helper.store import open_store
    from helper.store.migrate import current_heads, latest_heads

    store = open_store(settings.db_url, migrate=False)
    try:
        before = current_heads(store.engine)
        store.close()
        store = open_store(settings.db_url, migrate=True)
        after = current_heads(store.engine)
    finally:
        store.close()
    revision = ", ".join(sorted(after))
    if before == after:
        click.echo(f"数据库结构已是最新版本（{revision}）：{shown_url(settings.db_url)}")
    elif before:
        click.echo(f"数据库结构已从 {', '.join(sorted(before))} 升级到 {revision}")
    else:
        click.echo(f"已建表，数据库结构版本 {revision}")
    if latest_heads() != after:
        raise CliError("升级后结构版本仍不是最新，请查看日志")


def _database(settings: Settings, *, must_exist: bool = True) -> Path:
    path = sqlite_file(settings.db_url)
    if path is None:
        raise CliError("helper db 的备份、检查与恢复只适用于 SQLite 数据库")
    if must_exist and not path.exists():
        raise CliError(f"数据库文件 {path} 不存在。可运行 {REPAIR_COMMAND} 从备份恢复")
    return path


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@db.command()
@settings_options()
def backup(settings: Settings) -> None:
    """立即备份数据库（助手运行时也可以）。保留最近 7 天和 4 周的备份。"""
    path = _database(settings)
    directory = backups.backups_dir(settings.paths.data_dir)
    source = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=10)
    try:
        taken = backups.take(source, directory, datetime.now(UTC))
    except (backups.BackupError, sqlite3.Error) as exc:
        raise CliError(f"备份失败：{exc}。{REPAIR_COMMAND} 可从以前的备份恢复") from exc
    finally:
        source.close()
    backups.prune(directory)
    click.echo(f"已备份：{taken.path}")
    click.echo(f"共 {len(backups.listing(directory))} 个备份（保留最近 7 天和 4 周）")


@db.command()
@settings_options()
def check(settings: Settings) -> None:
    """检查数据库：引擎、能否连接、结构版本；SQLite 文件是否完好及备份；团队模式下核对团队密钥。"""
    if not settings.team_mode:
        _check_file(settings)
    _check_schema(settings)


def _check_file(settings: Settings) -> None:
    """The SQLite file: there, intact (quick_check), and its backups."""
    path = _database(settings, must_exist=False)
    directory = backups.backups_dir(settings.paths.data_dir)
    found = backups.listing(directory)
    click.echo(f"数据库：{path}")
    if found:
        click.echo(f"备份：{len(found)} 个，最新 {found[0].path.name}（{_local(found[0].at)}）")
    else:
        click.echo("备份：无（helper serve 启动时和每天会自动备份；也可运行 helper db backup）")
    if not path.exists():
        raise CliError(f"数据库文件 {path} 不存在。请运行 {REPAIR_COMMAND} 从最近的备份恢复")
    problem = quick_check(path)
    if problem is not None:
        raise CliError(
            f"数据库文件 {path} 已损坏或无法读取（{problem}）。"
            f"请停止助手后运行 {REPAIR_COMMAND} 从最近的备份恢复"
        )
    click.echo("完整性：正常")


def _check_schema(settings: Settings) -> None:
    """Engine, reachability, schema revision; on a team database the team key too."""
    from helper.store import StoreError, open_store
    from helper.store.migrate import current_heads, latest_heads

    url = settings.db_url
    store = open_store(url, migrate=False, busy_timeout_ms=settings.store.busy_timeout_ms)
    try:
        click.echo(f"引擎：{store.dialect}（{shown_url(url)}）")
        with store.read():
            pass
        click.echo("连接：正常")
        current, latest = current_heads(store.engine), latest_heads()
        shown = ", ".join(sorted(current)) or "（未建表）"
        click.echo(f"结构版本：{shown}（本助手需要 {', '.join(sorted(latest))}）")
        if current != latest and store.shared:
            raise CliError("结构版本不符：请运行 helper db upgrade（加上同样的 --db）")
        if settings.team_mode:
            from helper.team.membership import team_hasher

            try:
                team_hasher(store, settings.paths.team_secret_file)
            except StoreError as exc:
                raise CliError(f"团队密钥：{exc}") from exc
            click.echo(f"团队密钥：正常（本机成员名 {settings.agent}）")
    finally:
        store.close()


@db.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@settings_options()
def restore(settings: Settings, file: str | None) -> None:
    """从备份恢复数据库。不指定 FILE 时用最新的完好备份。

    原数据库文件会保留（helper.db.before-restore-时间），secret.key 不变，
    所以买家标识和已配对的扩展照常可用。需先停止 helper serve。
    """
    path = _database(settings, must_exist=False)
    lock = FileLock(str(settings.paths.lock_file))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise CliError("助手正在运行（helper serve），请先停止它再恢复") from None
    try:
        chosen = _chosen_backup(settings, file)
        try:
            kept = backups.restore(chosen.path, path, datetime.now(UTC))
        except backups.BackupError as exc:
            raise CliError(str(exc)) from exc
    finally:
        lock.release()
    click.echo(f"已从备份 {chosen.path.name} 恢复到 {path}")
    click.echo(f"备份时间 {_local(chosen.at)}：此后的记录不在备份中，可能缺失")
    if kept is not None:
        click.echo(f"原数据库文件保留为 {kept}")
    click.echo("secret.key 未改动：买家标识和已配对的扩展照常可用")


def _chosen_backup(settings: Settings, file: str | None) -> backups.Backup:
    if file is not None:
        chosen = Path(file).resolve()
        named = [b for b in backups.listing(chosen.parent) if b.path.name == chosen.name]
        if named:
            return named[0]
        return backups.Backup(chosen, datetime.fromtimestamp(chosen.stat().st_mtime, UTC))
    directory = backups.backups_dir(settings.paths.data_dir)
    newest = backups.newest_good(directory)
    if newest is None:
        raise CliError(f"没有可用的备份（{directory}）")
    return newest
