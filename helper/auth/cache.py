"""Token lookups from memory, so a locked, corrupt or deleted database never holds a check up.

The live clients (a handful of rows) are held in memory and read again whenever the database
may have changed: for SQLite, when the file or its write-ahead log changed on disk (a stat
costs microseconds; any commit, by this process or another, changes the log), and at least
every ``MAX_AGE_S`` in any case. A token revoked by ``helper pair --revoke`` is therefore
refused by the next request, as before, and a token created by ``helper token create`` works
at once. Reading again never waits for a lock: if the database cannot be read, the last good
copy stays in force, and a token it does not know gets a 503 (not a 401, which would make the
extension forget its pairing).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path

from helper.auth.tokens import Client, hash_token, live_clients
from helper.store import Store, StoreUnavailable

log = logging.getLogger(__name__)

# Read again at least this often even if the files look unchanged (coarse file times).
MAX_AGE_S = 5.0
# While the database cannot be read, try again at most this often.
RETRY_S = 0.5

UNVERIFIABLE = "暂时无法读取数据库，无法验证令牌，请稍后重试"


def file_signature(path: Path) -> Callable[[], Hashable]:
    """What changes whenever a SQLite database at ``path`` is written: the size and time of
    the file and of its write-ahead log."""
    wal = path.with_name(path.name + "-wal")

    def signature() -> Hashable:
        marks = []
        for candidate in (path, wal):
            try:
                st = os.stat(candidate)
            except OSError:
                marks.append(None)
            else:
                marks.append((st.st_ino, st.st_size, st.st_mtime_ns))
        return tuple(marks)

    return signature


class TokenCache:
    def __init__(self, store: Store, signature: Callable[[], Hashable] | None) -> None:
        self._store = store
        # None (PostgreSQL): no file to watch; read again every MAX_AGE_S, and on every miss.
        self._watch_files = signature is not None
        self._signature = signature or (lambda: None)
        self._by_hash: dict[str, Client] = {}
        self._seen: Hashable = object()  # the signature the copy in memory was read at
        self._read_at = -MAX_AGE_S
        self._failed_at: float | None = None
        self._refreshing = threading.Lock()

    def authenticate(self, token: str) -> Client | None:
        token_hash = hash_token(token)
        signature = self._signature()
        if self._stale(signature):
            self._refresh(signature, wait=False)
        client = self._by_hash.get(token_hash)
        if client is not None:
            return client
        # Unknown here: make sure the copy is current before saying "no such token".
        if not self._watch_files or self._failed_at is not None or signature != self._seen:
            self._refresh(signature, wait=True)
        client = self._by_hash.get(token_hash)
        if client is None and self._failed_at is not None:
            raise StoreUnavailable(UNVERIFIABLE)
        return client

    def _stale(self, signature: Hashable) -> bool:
        now = time.monotonic()
        if self._failed_at is not None:
            return now - self._failed_at >= RETRY_S
        return signature != self._seen or now - self._read_at >= MAX_AGE_S

    def refresh(self) -> None:
        """Read the clients again now (the store watcher calls this periodically)."""
        self._refresh(self._signature(), wait=True)

    def _refresh(self, signature: Hashable, *, wait: bool) -> None:
        if not self._refreshing.acquire(blocking=wait):
            return  # another thread is reading them; use the copy in memory meanwhile
        try:
            try:
                clients = live_clients(self._store)
            except StoreUnavailable as exc:
                if self._failed_at is None:
                    log.warning("token cache kept its last copy: %s", exc)
                self._failed_at = time.monotonic()
                return
            self._by_hash = clients
            self._seen = signature
            self._read_at = time.monotonic()
            self._failed_at = None
        finally:
            self._refreshing.release()
