"""``helper team``: a team sharing one PostgreSQL database (docs/team-mode.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from helper.cli.common import CliError, GuardedGroup, settings_options
from helper.settings import Settings


@click.group(cls=GuardedGroup)
def team() -> None:
    """团队模式：创建团队密钥（init）、在成员电脑上加入（join）、再次查看加入码（code）。"""


def _team_store(settings: Settings):  # type: ignore[no-untyped-def]
    if not settings.team_mode:
        raise CliError(
            "还没有配置团队数据库：请用 --db、HELPER_DATABASE_URL 或配置文件 [store] url "
            "指定 postgresql+psycopg://… 地址"
        )
    from helper.store import open_store
    from helper.store.migrate import require_current

    store = open_store(settings.db_url, migrate=False)
    try:
        require_current(store.engine)
    except BaseException:
        store.close()
        raise
    return store


@team.command()
@settings_options()
def init(settings: Settings) -> None:
    """为团队数据库创建团队密钥，并显示给其他成员用的加入码（只需运行一次）。"""
    from helper.team.membership import init_team

    settings.paths.ensure()
    store = _team_store(settings)
    try:
        created = init_team(
            store,
            settings.paths.team_secret_file,
            agent=settings.agent,
            now=datetime.now(UTC),
        )
    finally:
        store.close()
    click.echo("团队密钥已创建并保存在本机。请把下面的加入码交给每位成员，")
    click.echo("让他们在自己的电脑上运行 helper team join 加入码（加入码等同密钥，请私下传递）：")
    click.echo(created.code)


@team.command()
@click.argument("code")
@click.option("--replace", is_flag=True, help="替换本机已有的另一个团队密钥。")
@settings_options()
def join(settings: Settings, code: str, replace: bool) -> None:
    """用加入码 CODE 加入团队：团队密钥只保存在本机（仅本人可读）。"""
    from helper.team.membership import join_team
    from helper.team.secret import JoinCodeError

    settings.paths.ensure()
    store = _team_store(settings) if settings.team_mode else None
    try:
        checked = join_team(store, settings.paths.team_secret_file, code, replace=replace)
    except JoinCodeError as exc:
        raise CliError(str(exc)) from exc
    finally:
        if store is not None:
            store.close()
    if checked:
        click.echo(f"已加入团队（已与团队数据库核对）；本机成员名：{settings.agent}")
    else:
        click.echo("团队密钥已保存；配置团队数据库地址后，helper db check 会核对它")


@team.command()
@settings_options()
def code(settings: Settings) -> None:
    """再次显示本机所在团队的加入码（给新成员用）。"""
    from helper.team.membership import current_code

    click.echo(current_code(settings.paths.team_secret_file))
