"""The store watcher: one thread of ``helper serve`` that keeps an eye on the SQLite file.

Every second it checks that the database path still names the file the helper opened. A
file deleted while the helper runs is rebuilt from the open database (the helper still holds
it, so nothing is lost): requests get a 503 for the moment it takes, then carry on. A file
replaced by another program stops writes (they would land in the wrong file) until a restart.
While a write fault lasts (a lock, a read-only file, a full disk) it tries a small write every
second, so ``/v1/health`` turns back to ``ok`` by itself once the fault is fixed. It also takes
the backups (at start and daily), saves the clients' last-seen times and re-reads the tokens.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from helper.auth.cache import MAX_AGE_S
from helper.auth.lastseen import FLUSH_SECONDS
from helper.identity import save_secret_if_missing
from helper.services import Services
from helper.store import StoreUnavailable
from helper.store import backup as backups
from helper.store.faults import GONE, REPLACED, TRANSIENT
from helper.store.files import FileIdentity, make_owner_only
from helper.store.schema import store_heartbeat

log = logging.getLogger(__name__)

TICK_S = 1.0
BACKUP_EVERY = timedelta(days=1)


class StoreWatcher:
    def __init__(self, svc: Services, path: Path | None) -> None:
        """``path``: the SQLite file; None (PostgreSQL) watches no file and takes no backups."""
        self._svc = svc
        self._store = svc.store
        self._path = path
        self._identity = FileIdentity.of(path) if path else None
        self._backups = backups.backups_dir(svc.settings.paths.data_dir)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._tokens_at = self._flushed_at = time.monotonic()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="store-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        self._step(self.probe)  # a database read-only at start shows in health at once
        if self._path is not None:
            self._step(self.back_up)  # a backup at every start
        while not self._stop.wait(TICK_S):
            self._step(self.tick)

    def _step(self, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception:  # the watcher must keep watching; the next tick tries again
            log.exception("store watcher: %s failed", getattr(action, "__name__", action))

    def tick(self) -> None:
        if self._path is not None:
            self.check_file()
        fault = self._store.health.fault
        if fault is not None and fault.kind in TRANSIENT:
            self.probe()
        now = time.monotonic()
        if now - self._tokens_at >= MAX_AGE_S:
            self._tokens_at = now
            self._svc.tokens.refresh()
        if now - self._flushed_at >= FLUSH_SECONDS:
            self._flushed_at = now
            self._svc.last_seen.flush()
        if self._path is not None:
            newest = backups.listing(self._backups)
            if not newest or self._svc.clock() - newest[0].at >= BACKUP_EVERY:
                self.back_up()

    def check_file(self) -> None:
        assert self._path is not None
        identity = FileIdentity.of(self._path)
        if identity == self._identity:
            return
        if identity is None:
            self.rebuild()
        else:
            log.error("database file %s was replaced by another program", self._path)
            self._store.health.report(REPLACED)

    def probe(self) -> None:
        """A one-row write: does writing work (again)? Only a write that changes a row
        proves it: a transaction that changes nothing commits even on a read-only file."""
        before = self._store.health.fault
        try:
            with self._store.write() as conn:
                now = self._svc.clock()
                if conn.execute(store_heartbeat.update().values(at=now)).rowcount == 0:
                    conn.execute(store_heartbeat.insert().values(id=1, at=now))
        except StoreUnavailable:
            return  # the fault is reported; try again next tick
        self._store.health.clear(*TRANSIENT)
        if before is not None and before.reopen:
            # Connections opened while the file was read-only stay read-only: drop them.
            self._store.reopen()
            log.info("database writable again after: %s", before.kind)

    def rebuild(self) -> None:
        """The file was deleted: write the open database back to its path, then reopen."""
        assert self._path is not None
        log.error("database file %s was deleted while running; rebuilding it", self._path)
        self._store.health.report(GONE)
        with self._store.paused(GONE):
            self._path.parent.mkdir(parents=True, exist_ok=True)
            partial = self._path.with_name(self._path.name + ".rebuilding")
            partial.unlink(missing_ok=True)
            raw = self._store.engine.raw_connection()
            try:
                backups.copy_into(raw.driver_connection, partial)  # type: ignore[arg-type]
            finally:
                raw.close()
            # Closing the last connection to the deleted file removes its -wal and -shm; any
            # left would be read as the new file's log.
            self._store.reopen()
            for suffix in ("-wal", "-shm"):
                self._path.with_name(self._path.name + suffix).unlink(missing_ok=True)
            os.replace(partial, self._path)
            make_owner_only(self._path)
            save_secret_if_missing(self._svc.settings.paths.secret_file, self._svc.hasher.secret)
            self._identity = FileIdentity.of(self._path)
        self._store.health.clear("gone")
        log.warning("database file %s rebuilt from the open database; nothing lost", self._path)

    def back_up(self) -> None:
        fault = self._store.health.fault
        if fault is not None and (fault.blocks_reads or fault.blocks_writes):
            return
        raw = self._store.engine.raw_connection()
        try:
            taken = backups.take(raw.driver_connection, self._backups, self._svc.clock())  # type: ignore[arg-type]
        except (backups.BackupError, OSError, sa.exc.SQLAlchemyError) as exc:
            self._svc.problems["backup"] = f"自动备份失败：{_reason(exc)}"
            log.error("backup failed: %s", exc)
            return
        finally:
            raw.close()
        self._svc.problems.pop("backup", None)
        deleted = backups.prune(self._backups)
        log.info("backup %s taken; %d old ones removed", taken.path.name, len(deleted))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def init(app: object, svc: Services, background: bool) -> None:
    """Feature initialiser: health follows the store's faults; ``helper serve`` watches."""

    def follow(fault: object) -> None:
        if fault is None:
            svc.problems.pop("store", None)
        else:
            svc.problems["store"] = fault.message  # type: ignore[attr-defined]

    svc.store.health.listen(follow)
    if not background:
        return
    watcher = StoreWatcher(svc, svc.store.sqlite_path)
    watcher.start()
    svc.on_close(watcher.stop)
