"""The check service: the engine's answer, then what the shop said (allowances, product
categories, the platform it sells on). Used by POST /v1/check/message and ``helper check``.

The shop's settings are read from the store at most every ``REFRESH_SECONDS`` (a check must
not cost a database read), and at once after the API changed them; a change made by
``helper rules allow`` in another process shows within that time.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helper.checks.message.engine import CheckResult, MessageEngine
from helper.guard.categories import load_categories
from helper.guard.filter import ShopFilter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from helper.services import Services
    from helper.settings import Settings
    from helper.store import Store

REFRESH_SECONDS = 2.0


@dataclass(frozen=True)
class ShopSettings:
    filter: ShopFilter
    platform: str | None  # the first platform the shop sells on: the default for a check

    def check(self, engine: MessageEngine, text: str, platform: str | None) -> CheckResult:
        clears = self.filter.clears if self.filter else None
        return engine.check(text, platform or self.platform, shop_clears=clears)


def no_shop_settings() -> ShopSettings:
    return ShopSettings(ShopFilter(), None)


def stored_shop_settings(settings: Settings) -> ShopSettings:
    """The shop settings for a command: none when the helper has no database yet (a
    ``helper check`` on a fresh machine must not create one, nor load the database layer)."""
    if not settings.store.url and not settings.paths.sqlite_file.exists():
        return no_shop_settings()
    from helper.store import open_store

    store = open_store(settings.db_url, busy_timeout_ms=settings.store.busy_timeout_ms)
    try:
        return load_shop_settings(store, settings.rules_dirs)
    finally:
        store.close()


def load_shop_settings(store: Store, rules_dirs: Sequence[Path]) -> ShopSettings:
    from helper.guard import allowances, profile  # the database layer, only when needed

    with store.read() as conn:
        allowed = [(a.rule_id, a.term) for a in allowances.list_all(conn)]
        shop = profile.read(conn)
    known = load_categories(rules_dirs)
    categories = [known[c] for c in shop.categories if c in known]
    platform = shop.platforms[0] if shop.platforms else None
    return ShopSettings(ShopFilter.build(allowed, categories), platform)


class ShopSettingsCache:
    """The shop settings of a running helper, refreshed every few seconds or on demand."""

    def __init__(self, store: Store, rules_dirs: Sequence[Path]) -> None:
        self._store = store
        self._rules_dirs = tuple(rules_dirs)
        self._lock = threading.Lock()
        self._loaded: tuple[float, ShopSettings] | None = None

    def get(self) -> ShopSettings:
        loaded = self._loaded
        if loaded is not None and time.monotonic() - loaded[0] < REFRESH_SECONDS:
            return loaded[1]
        from helper.store import StoreUnavailable  # loaded already: this cache reads the store

        with self._lock:
            try:
                fresh = load_shop_settings(self._store, self._rules_dirs)
            except StoreUnavailable:
                # Locked, corrupt or gone: checks go on with the settings last read (none if
                # never), and the next refresh tries again (docs/reliability.md).
                fresh = loaded[1] if loaded is not None else no_shop_settings()
            self._loaded = (time.monotonic(), fresh)
            return fresh

    def invalidate(self) -> None:
        self._loaded = None


def shop_settings(svc: Services) -> ShopSettingsCache:
    if svc.shop_settings is None:
        svc.shop_settings = ShopSettingsCache(svc.store, svc.settings.rules_dirs)
    return svc.shop_settings
