"""When each client was last seen, noted in memory by the request and saved in batches.

A request only notes the time (no database write on the request path, so a locked database
never slows a check down). The store watcher saves the notes every ``FLUSH_SECONDS`` and the
helper saves them when it stops; a save that fails keeps the notes for the next one.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from helper.auth.tokens import touch_many
from helper.store import Store, StoreUnavailable

log = logging.getLogger(__name__)

FLUSH_SECONDS = 30.0


class LastSeen:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: dict[int, datetime] = {}
        self._lock = threading.Lock()

    def note(self, client_id: int, at: datetime) -> None:
        with self._lock:
            self._pending[client_id] = at

    def flush(self) -> None:
        with self._lock:
            batch = dict(self._pending)
        if not batch:
            return
        try:
            touch_many(self._store, batch)
        except StoreUnavailable as exc:
            log.warning("could not save when clients were last seen, retrying later: %s", exc)
            return
        with self._lock:
            for client_id, at in batch.items():
                if self._pending.get(client_id) == at:
                    del self._pending[client_id]
