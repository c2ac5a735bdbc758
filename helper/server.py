"""Running the app with waitress: one server per data directory, clean shutdown on signals."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
from contextlib import suppress
from types import FrameType

import click
from filelock import FileLock, Timeout
from waitress.server import create_server

from helper import __version__
from helper.api.transport import JsonErrorChannel
from helper.app import create_app
from helper.cli.common import CliError
from helper.logsetup import setup_logging
from helper.services import build_services
from helper.settings import Settings

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
# Bodies past our JSON limit get a JSON 413 from Flask; waitress cuts off only absurd ones.
_TRANSPORT_LIMIT_FACTOR = 4
THREADS = 16
STORE_USERS = 8


def run_server(settings: Settings) -> None:
    try:
        _run_locked(settings)
    except OSError as exc:
        # A read-only or full file system, a directory without permission: one line, no
        # traceback.
        raise CliError(
            f"无法写入数据目录 {settings.paths.data_dir}：{exc.strerror or exc}。"
            "请确认磁盘可写、空间足够，或用 --data-dir 换一个目录"
        ) from exc


def _run_locked(settings: Settings) -> None:
    started = time.perf_counter()
    paths = settings.paths
    paths.ensure()
    lock = FileLock(str(paths.lock_file))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise CliError(
            f"另一个 helper serve 正在使用数据目录 {paths.data_dir}{_owner_hint(paths)}。"
            "同一数据目录只能运行一个助手。"
        ) from None
    try:
        _write_owner(paths, settings.port)
        setup_logging(settings)
        _serve_locked(settings, started)
    finally:
        with suppress(OSError):
            (paths.data_dir / "helper.pid").unlink()
        lock.release()


def _serve_locked(settings: Settings, started: float) -> None:
    port = settings.port
    if _port_taken(port):
        raise CliError(f"端口 {port} 已被占用。请关闭占用它的程序，或用 --port 换一个端口。")
    _check_store(settings)
    services = build_services(settings)
    # Requests waiting for the database can hold at most STORE_USERS of the THREADS server
    # threads; the others stay free for checks and /v1/health, which need no database.
    services.store.max_users = STORE_USERS
    notice = services.problems.get("store_restored")
    try:
        app = create_app(settings, services=services)
        try:
            server = create_server(
                app,
                host=HOST,
                port=port,
                threads=THREADS,
                ident="workbench-guard",
                max_request_body_size=settings.server.max_body_bytes * _TRANSPORT_LIMIT_FACTOR,
                clear_untrusted_proxy_headers=True,
            )
        except OSError as exc:
            raise CliError(f"无法监听 {HOST}:{port}：{exc.strerror or exc}") from exc
        server.channel_class = JsonErrorChannel  # type: ignore[union-attr]
        _install_signal_handlers()
        paths = settings.paths
        click.echo(f"Workbench Guard helper {__version__}")
        click.echo(f"  数据 data:    {paths.data_dir}")
        click.echo(f"  配置 config:  {paths.config_file}")
        click.echo(f"  日志 logs:    {paths.log_file}")
        click.echo(f"  数据库 store: {_describe_store(settings)}")
        click.echo(f"  地址 address: http://{HOST}:{port}")
        if notice:
            click.echo(f"  注意 notice:  {notice}")
        click.echo(f"ready ({(time.perf_counter() - started) * 1000:.0f} ms)  按 Ctrl+C 停止")
        sys.stdout.flush()
        log.info("serving on %s:%s", HOST, port)
        server.run()  # returns after KeyboardInterrupt/SystemExit, having closed its sockets
    finally:
        services.close()
        log.info("stopped")
        click.echo("已停止 stopped")


def _check_store(settings: Settings) -> None:
    """SQLite: stop with one line on a corrupt or unreadable database file."""
    from helper.store.files import sqlite_file
    from helper.store.startup import check_integrity

    path = sqlite_file(settings.db_url)
    if path is not None and path.exists():
        check_integrity(path)


def _port_taken(port: int) -> bool:
    """Is another program listening on the port?

    Waitress binds with SO_REUSEADDR. On Windows that lets a second server bind a port already
    in use, so there we probe with SO_EXCLUSIVEADDRUSE to give a clear message instead of a
    silent clash. Elsewhere we probe as waitress binds: SO_REUSEADDR only skips the TIME_WAIT
    that a crashed helper leaves, so a restart right after a crash is not refused.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


def _install_signal_handlers() -> None:
    """Ctrl+C, SIGTERM and Ctrl+Break (Windows) stop the server cleanly.

    SIGINT is set explicitly too: a process started in the background by a non-interactive
    shell inherits SIGINT as ignored, and Python then installs no Ctrl+C handler of its own.
    The first signal starts the shutdown; later ones (a second Ctrl+C, or `timeout`, which
    signals the process and its whole group) are ignored so they cannot cut the clean-up short.
    """
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            raise KeyboardInterrupt

    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def _describe_store(settings: Settings) -> str:
    url = settings.db_url
    if url.startswith("sqlite"):
        return f"SQLite {settings.paths.sqlite_file}"
    scheme, _, rest = url.partition("://")
    return f"{scheme}://…@{rest.rpartition('@')[2]}"  # never print the password


def _write_owner(paths, port: int) -> None:  # type: ignore[no-untyped-def]
    (paths.data_dir / "helper.pid").write_text(f"{os.getpid()} {port}\n", encoding="ascii")


def _owner_hint(paths) -> str:  # type: ignore[no-untyped-def]
    try:
        pid, port = (paths.data_dir / "helper.pid").read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return ""
    return f"（进程 {pid}，端口 {port}）"
