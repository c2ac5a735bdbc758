"""``helper db``: the database itself — create or migrate its schema, check it."""

from __future__ import annotations

import click
from sqlalchemy.engine import make_url

from helper.cli.common import CliError, GuardedGroup, settings_options
from helper.settings import Settings


@click.group(cls=GuardedGroup)
def db() -> None:
    """数据库：建表或升级结构（upgrade）、检查连接与结构版本（check）。"""


def shown_url(url: str) -> str:
    """The URL with any password replaced by ***, for output and logs."""
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


@db.command()
@settings_options()
def check(settings: Settings) -> None:
    """检查数据库：引擎、能否连接、结构版本，团队模式下还有团队密钥。"""
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
