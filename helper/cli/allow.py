"""``helper rules allow add|list|remove``: the shop's allowances (「以后不再提示」) from the
command line, the same table the extension's card and options page use."""

from __future__ import annotations

import getpass

import click

from helper.cli.check import load_engine
from helper.cli.common import CliError, open_services, settings_options
from helper.guard import allowances
from helper.guard.rules import AllowanceRefused, check_allowable
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
        click.secho(f"已添加 #{allowance.id}：“{term}”（{scope}）以后不再提示", fg="green")
    else:
        click.echo(f"已有相同设置 #{allowance.id}，未重复添加")


@allow.command("list")
@settings_options(rules=True)
def list_(settings: Settings) -> None:
    """列出本店所有“以后不再提示”的词。"""
    with open_services(settings) as svc, svc.store.read() as conn:
        found = allowances.list_all(conn)
    if not found:
        click.echo("还没有“以后不再提示”的词")
        return
    for a in found:
        scope = a.rule_id or "所有可放行的规则"
        added = a.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        note = f"  说明：{a.note}" if a.note else ""
        click.echo(f"#{a.id}  “{a.term}”  {scope}  {a.added_by} 添加于 {added}{note}")


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
