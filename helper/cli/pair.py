"""``helper pair`` (pair the browser extension) and ``helper token`` (tokens for scripts)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import click

from helper.auth import tokens
from helper.auth.pairing import code_status, create_code
from helper.cli.common import CliError, settings_options
from helper.services import build_services
from helper.settings import Settings

_POLL_SECONDS = 1.0


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


@click.command()
@click.option("--list", "list_clients", is_flag=True, help="List paired clients and tokens.")
@click.option("--revoke", type=int, metavar="ID", help="Revoke the client with this id.")
@click.option("--no-wait", is_flag=True, help="Print the code and return at once.")
@settings_options()
def pair(settings: Settings, list_clients: bool, revoke: int | None, no_wait: bool) -> None:
    """Show a 6-digit code to enter in the extension (valid 5 minutes)."""
    svc = build_services(settings)
    try:
        if list_clients:
            _print_clients(tokens.list_clients(svc.local_store))
            return
        if revoke is not None:
            if not tokens.revoke(svc.local_store, revoke, datetime.now(UTC)):
                raise CliError(f"没有编号为 {revoke} 的有效客户端（helper pair --list 查看）")
            click.echo(f"已撤销客户端 {revoke}，它的令牌立即失效。")
            return
        code_id, code, expires_at = create_code(
            svc.local_store, svc.hasher, settings.pairing, datetime.now(UTC)
        )
        click.echo("在浏览器扩展的弹窗中输入配对码：")
        click.secho(f"    {code[:3]} {code[3:]}", bold=True)
        click.echo(
            f"有效期至 {_local(expires_at)}（{settings.pairing.code_ttl_seconds // 60} 分钟）。"
        )
        if no_wait:
            return
        _wait_for_pairing(svc, code_id)
    finally:
        svc.close()


def _wait_for_pairing(svc, code_id: int) -> None:  # type: ignore[no-untyped-def]
    click.echo("等待扩展配对…（Ctrl+C 退出，配对码仍然有效）")
    while True:
        client_name, expires_at = code_status(svc.local_store, code_id)
        if client_name:
            click.secho(f"配对成功：{client_name}", fg="green")
            return
        if expires_at is None or expires_at <= datetime.now(UTC):
            raise CliError("配对码已过期或已作废，请重新运行 helper pair")
        time.sleep(_POLL_SECONDS)


def _print_clients(clients: list[tokens.Client]) -> None:
    if not clients:
        click.echo("还没有已配对的客户端。")
        return
    click.echo(f"{'ID':>4}  {'类型':<9} {'状态':<5} {'创建时间':<16}  {'最近使用':<16}  名称")
    for client in clients:
        state = "已撤销" if client.revoked_at else "有效"
        click.echo(
            f"{client.id:>4}  {client.kind:<9} {state:<5} {_local(client.created_at):<16}  "
            f"{_local(client.last_seen_at):<16}  {client.name}"
        )


@click.group()
def token() -> None:
    """Tokens for scripts on this PC (the OS user is the trust boundary)."""


@token.command("create")
@click.option("--name", required=True, help="What the token is for, e.g. 'export script'.")
@settings_options()
def token_create(settings: Settings, name: str) -> None:
    """Print a new token once; only its hash is kept."""
    svc = build_services(settings)
    try:
        with svc.local_store.write() as conn:
            client_id, secret = tokens.issue_token(
                conn, name=name, kind="script", now=datetime.now(UTC)
            )
    finally:
        svc.close()
    click.echo(secret)
    click.echo(
        f"（客户端 {client_id}；令牌只显示这一次。撤销：helper pair --revoke {client_id}）",
        err=True,
    )
