"""``helper rules allow add|list|remove`` and ``helper rules shop show|set``: the shop's
allowances (「以后不再提示」) and profile from the command line, the same data the extension's
card and options page use."""

from __future__ import annotations

import getpass

import click

from helper.cli.check import load_engine
from helper.cli.common import CliError, open_services, settings_options
from helper.guard import allowances, profile
from helper.guard.categories import load_categories
from helper.guard.rules import AllowanceRefused, check_allowable
from helper.guard.silences import silences
from helper.settings import Settings


@click.group()
def allow() -> None:
    """以后不再提示：本店允许的词（可限定某条规则）。威胁类提醒不能放行。"""


@allow.command("add")
@click.argument("term")
@click.option(
    "--rule", "rule_id", metavar="规则编号", help="只对这条规则放行（默认：所有可放行的规则）。"
)
@click.option("--note", metavar="说明", help="为什么放行，例如「本店商品型号」。")
@click.option("--by", "added_by", metavar="姓名", help="添加人（默认：当前登录的系统用户）。")
@settings_options(rules=True)
def add(
    settings: Settings, term: str, rule_id: str | None, note: str | None, added_by: str | None
) -> None:
    """以后不再提示 TERM（例如商品型号 SB-200）。"""
    term = term.strip()
    if not term:
        raise CliError("请给出不再提示的词")
    if len(term) > allowances.MAX_TERM_CHARS:
        raise CliError(f"词太长，最多 {allowances.MAX_TERM_CHARS} 个字符")
    if note is not None and len(note) > allowances.MAX_NOTE_CHARS:
        raise CliError(f"说明太长，最多 {allowances.MAX_NOTE_CHARS} 个字符")
    engine = load_engine(settings)
    if rule_id is not None and rule_id not in engine.rules.rules:
        raise CliError(f"没有编号为 {rule_id} 的规则")
    try:
        check_allowable(engine, rule_id, term)
    except AllowanceRefused as exc:
        raise CliError(str(exc)) from exc
    with open_services(settings) as svc, svc.store.write() as conn:
        allowance, created = allowances.add(
            conn,
            rule_id=rule_id,
            term=term,
            note=note,
            added_by=added_by or f"命令行（{_user()}）",
            client_id=None,
            now=svc.clock(),
        )
    scope = f"规则 {rule_id}" if rule_id else "所有可放行的规则"
    if created:
        what = silences(engine.rules.rules, term)["text"]
        click.secho(f"已添加 #{allowance.id}：以后不再提示{what}（{scope}）", fg="green")
    else:
        click.echo(f"已有相同设置 #{allowance.id}，未重复添加")


@allow.command("list")
@settings_options(rules=True)
def list_(settings: Settings) -> None:
    """列出本店所有“以后不再提示”的词和句式（写明每条不再提示的是什么）。"""
    with open_services(settings) as svc, svc.store.read() as conn:
        found = allowances.list_all(conn)
    if not found:
        click.echo("还没有“以后不再提示”的词")
        return
    rules = load_engine(settings).rules.rules
    for a in found:
        scope = a.rule_id or "所有可放行的规则"
        what = silences(rules, a.term)["text"]
        added = a.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        note = f"  说明：{a.note}" if a.note else ""
        click.echo(f"#{a.id}  以后不再提示的是：{what}  {scope}  {a.added_by} 添加于 {added}{note}")


@allow.command("remove")
@click.argument("allowance_id", type=click.IntRange(1))
@settings_options(rules=True)
def remove(settings: Settings, allowance_id: int) -> None:
    """删除编号为 ALLOWANCE_ID 的设置（见 list），此后这个词会再次提示。"""
    with open_services(settings) as svc, svc.store.write() as conn:
        if not allowances.remove(conn, allowance_id):
            raise CliError(f"没有编号为 {allowance_id} 的不再提示设置")
    click.secho(f"已删除 #{allowance_id}", fg="green")


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment (a service account)
        return "未知用户"


@click.group()
def shop() -> None:
    """店铺资料：销售平台和商品类目（与扩展的「站点设置」相同）。"""


@shop.command("show")
@settings_options(rules=True)
def shop_show(settings: Settings) -> None:
    """显示店铺资料和可选的平台、商品类目。"""
    known = load_categories(settings.rules_dirs)
    with open_services(settings) as svc, svc.store.read() as conn:
        current = profile.read(conn)
        platforms = svc.platforms.by_id
    names = [f"{p}（{platforms[p].name}）" if p in platforms else p for p in current.platforms]
    labels = [f"{c}（{known[c].label}）" if c in known else c for c in current.categories]
    click.echo(f"销售平台：{'、'.join(names) or '未设置（使用默认平台）'}")
    click.echo(f"商品类目：{'、'.join(labels) or '未设置'}")
    if current.updated_at is not None:
        when = current.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        click.echo(f"最后修改：{current.updated_by}，{when}")
    click.echo(f"可选平台：{'、'.join(sorted(platforms))}")
    click.echo(f"可选类目：{'、'.join(f'{c.id}（{c.label}）' for c in known.values())}")


@shop.command("set")
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    metavar="平台",
    help="销售平台，可重复；第一个是检查的默认平台。",
)
@click.option(
    "--category",
    "categories",
    multiple=True,
    metavar="类目",
    help="商品类目编号，可重复（见 show）。",
)
@click.option("--by", "updated_by", metavar="姓名", help="修改人（默认：当前登录的系统用户）。")
@settings_options(rules=True)
def shop_set(
    settings: Settings,
    platforms: tuple[str, ...],
    categories: tuple[str, ...],
    updated_by: str | None,
) -> None:
    """替换店铺资料（不给出的项目清空）。"""
    known = load_categories(settings.rules_dirs)
    with open_services(settings) as svc:
        for platform in platforms:
            if platform not in svc.platforms.by_id:
                raise CliError(
                    f"未知平台 {platform}；可选：{'、'.join(sorted(svc.platforms.by_id))}"
                )
        for category in categories:
            if category not in known:
                raise CliError(f"未知商品类目 {category}；可选：{'、'.join(known)}")
        by = updated_by or f"命令行（{_user()}）"
        with svc.store.write() as conn:
            profile.save(conn, "platforms", list(dict.fromkeys(platforms)), by=by, now=svc.clock())
            profile.save(
                conn, "categories", list(dict.fromkeys(categories)), by=by, now=svc.clock()
            )
    click.secho("店铺资料已保存（正在运行的助手 2 秒内生效）", fg="green")
