"""What can go wrong with the database, in words an agent can act on, and the store's state.

``classify`` turns a driver error into a ``Fault``: its kind, a Chinese message, whether the
connection must be reopened afterwards and whether reads are affected too. ``StoreHealth``
holds the current fault (if any) that ``/v1/health`` reports and that decides which requests
the store refuses at once (a corrupt file: everything; a replaced file: writes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, IntegrityError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fault:
    kind: str  # locked, readonly, full, io, corrupt, gone, replaced, busy, unreachable
    message: str
    # The connection that saw it may be stuck in that state (a file opened read-only stays
    # read-only): reopen connections rather than reuse them.
    reopen: bool = False
    # Writes are refused at once rather than tried (they could land in the wrong file).
    blocks_writes: bool = False
    # Reads are refused too (the data cannot be trusted).
    blocks_reads: bool = False


REPAIR_HINT = "请停止助手后运行 helper db restore 从备份恢复"

LOCKED = Fault("locked", "数据库被其他程序锁定，请稍后重试")
READONLY = Fault(
    "readonly",
    "数据库文件只读，暂时无法保存。请检查文件或磁盘的写权限；恢复后会自动继续保存",
    reopen=True,
)
FULL = Fault("full", "磁盘空间已满，暂时无法保存。请清理磁盘空间；清理后会自动继续保存")
IO = Fault("io", "磁盘读写出错，暂时无法保存。请检查磁盘；恢复后会自动继续保存", reopen=True)
CORRUPT = Fault(
    "corrupt",
    f"数据库文件已损坏，暂停读写以免丢失数据。{REPAIR_HINT}",
    reopen=True,
    blocks_writes=True,
    blocks_reads=True,
)
REPLACED = Fault(
    "replaced",
    "数据库文件被其他程序替换，为免写错文件已暂停保存。请重启助手（helper serve）",
    blocks_writes=True,
)
GONE = Fault(
    "gone",
    "数据库文件被删除，正在用运行中的数据重建，请稍后重试",
    blocks_writes=True,
)
UNOPENABLE = Fault(
    "unreachable",
    "无法打开数据库文件。请检查数据目录；文件被删除时助手会自动重建",
    reopen=True,
)
BUSY = Fault("busy", "助手正忙：同时访问数据库的请求过多，请稍后重试")


def classify(exc: BaseException) -> Fault | None:
    """The fault a driver error stands for; None for errors that are the caller's bug or
    input (a constraint violated), which stay as they are."""
    if not isinstance(exc, DBAPIError) or isinstance(exc, IntegrityError):
        return None
    text = str(exc.orig if exc.orig is not None else exc).lower()
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return LOCKED
    if "readonly" in text or "read-only" in text:
        return READONLY
    if "full" in text:
        return FULL
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return CORRUPT
    if "disk i/o" in text:
        return IO
    if "unable to open" in text:
        return UNOPENABLE
    first = text.splitlines()[0] if text else type(exc).__name__
    if exc.orig is not None and type(exc.orig).__module__.startswith("psycopg"):
        # A team database (PostgreSQL): libpq's own words, as written (host, port, what
        # failed; never the password) say what to fix. pool_pre_ping reconnects once the
        # server is back.
        said = str(exc.orig).splitlines()[0]
        return Fault(
            "unreachable",
            f"团队数据库暂时无法连接，助手会自动重连，请稍后重试（消息检查不受影响）：{said}",
            reopen=exc.connection_invalidated,
        )
    return Fault("unreachable", f"数据库不可用：{first}", reopen=exc.connection_invalidated)


# Faults that pass by themselves: a successful write proves them over.
TRANSIENT = ("locked", "readonly", "full", "io", "unreachable")


class StoreHealth:
    """The store's current fault, shared by the request threads and the watcher; thread-safe.

    Listeners hear every change (``/v1/health`` keeps its problem list from them).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fault: Fault | None = None
        self._listeners: list[Callable[[Fault | None], None]] = []

    @property
    def fault(self) -> Fault | None:
        return self._fault

    def listen(self, listener: Callable[[Fault | None], None]) -> None:
        self._listeners.append(listener)
        listener(self._fault)

    def report(self, fault: Fault) -> None:
        with self._lock:
            # A corrupt or replaced file is not cleared by a later lock or full disk.
            if self._fault is not None and self._fault.kind in ("corrupt", "replaced"):
                return
            changed, self._fault = self._fault != fault, fault
        if changed:
            log.warning("database fault (%s): %s", fault.kind, fault.message)
            self._tell(fault)

    def clear(self, *kinds: str) -> bool:
        """Forget the current fault if it is one of ``kinds`` (any if none given)."""
        with self._lock:
            if self._fault is None or (kinds and self._fault.kind not in kinds):
                return False
            cleared, self._fault = self._fault, None
        log.warning("database fault over (%s)", cleared.kind)
        self._tell(None)
        return True

    def _tell(self, fault: Fault | None) -> None:
        for listener in self._listeners:
            listener(fault)
