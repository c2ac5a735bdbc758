"""The long-lived objects one helper process works with, built once per app."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from helper.identity import KeyedHasher, load_or_create_secret
from helper.platforms import Platforms, load_platforms
from helper.rulefiles import RuleFileError
from helper.settings import Settings
from helper.store import Store, open_store

if TYPE_CHECKING:
    from helper.auth.cache import TokenCache
    from helper.auth.lastseen import LastSeen
    from helper.checks.message.engine import MessageEngine
    from helper.checks.message.reload import RuleReloader
    from helper.complaints.rules import ComplaintRules
    from helper.contacts import ContactRules
    from helper.guard.service import ShopSettingsCache
    from helper.reminders.scheduler import ReminderScheduler
    from helper.sites.profiles import SiteProfiles
    from helper.warnings.counter import CheckCounter

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    # Every feature's records: the SQLite file in the data directory, or in team mode the
    # shared PostgreSQL database.
    store: Store
    # Buyer keys: the install secret, or in team mode the team's secret (helper.team).
    hasher: KeyedHasher
    platforms: Platforms
    # Token lookups from memory and last-seen times saved in batches (helper.auth), both on
    # the local store.
    tokens: TokenCache
    last_seen: LastSeen
    # Paired clients and pairing codes, which stay per agent: always the local SQLite file
    # (the same object as ``store`` outside team mode).
    local: Store | None = None
    # Everything that needs "now" asks this, so tests can pass the clock in.
    clock: Callable[[], datetime] = utcnow
    # component -> Chinese description of a problem that /v1/health reports (e.g. a rule file
    # that failed to reload while the last good rules stay in force).
    problems: dict[str, str] = field(default_factory=dict)
    # The harassment rules engine (helper.checks.message), set by its feature init.
    message_engine: MessageEngine | None = None
    # The rule-file watcher of a serving helper (helper.checks.message.reload); None elsewhere.
    rule_reloader: RuleReloader | None = None
    # Contact policy and opt-out rules (helper.contacts.init, or loaded on first use).
    contacts: ContactRules | None = None
    # Complaints: working-day calendar and vocabulary, loaded on first use.
    complaint_rules: ComplaintRules | None = None
    # Site profiles for page snippets, loaded on first use.
    site_profiles: SiteProfiles | None = None
    # Checked drafts per day, held in memory and saved periodically (helper.warnings.counter).
    check_counter: CheckCounter | None = None
    # Allowances and the shop profile as the check service applies them (helper.guard).
    shop_settings: ShopSettingsCache | None = None
    # Only `helper serve` starts a scheduler (one per data directory); None elsewhere.
    reminder_scheduler: ReminderScheduler | None = None
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def on_close(self, closer: Callable[[], None]) -> None:
        self._closers.append(closer)

    def close(self) -> None:
        for closer in reversed(self._closers):
            try:
                closer()
            except Exception:
                log.exception("error while shutting down")
        self._closers.clear()
        self.store.close()
        if self.local is not self.store:
            self.local_store.close()

    @property
    def local_store(self) -> Store:
        return self.local if self.local is not None else self.store

    @property
    def agent(self) -> str:
        """Who this helper's agent is in shared records (config [team] agent, HELPER_AGENT)."""
        return self.settings.agent


def build_services(settings: Settings) -> Services:
    settings.paths.ensure()
    platforms = load_platforms(settings.rules_dirs)
    default = settings.checks.default_platform
    if platforms.resolve(default) is None:
        raise RuleFileError(
            settings.paths.config_file,
            None,
            f"[checks] default_platform {default!r} is not one of {', '.join(platforms.ids())}",
        )
    from helper.auth.cache import TokenCache, file_signature
    from helper.auth.lastseen import LastSeen
    from helper.store.files import sqlite_file
    from helper.store.startup import restore_if_missing

    problems: dict[str, str] = {}
    db_file = sqlite_file(settings.local_db_url)
    if db_file is not None:
        notice = restore_if_missing(db_file, settings.paths.data_dir, utcnow())
        if notice:
            log.warning("%s", notice)
            problems["store_restored"] = notice
    local, store, hasher = open_stores(settings)
    services = Services(
        settings=settings,
        store=store,
        hasher=hasher,
        platforms=platforms,
        tokens=TokenCache(local, file_signature(db_file) if db_file else None),
        last_seen=LastSeen(local),
        local=local,
        problems=problems,
    )
    services.on_close(services.last_seen.flush)
    return services


def open_stores(settings: Settings) -> tuple[Store, Store, KeyedHasher]:
    """The local store, the store of every feature's records and the buyer-key hasher.

    Outside team mode both stores are the one SQLite file, upgraded in place. In team mode
    the team database must already be at this helper's schema (``helper db upgrade``) and
    this PC must hold the team key (``helper team join``); otherwise this refuses with a
    Chinese line that says what to run.
    """
    busy = settings.store.busy_timeout_ms
    local = open_store(settings.local_db_url, busy_timeout_ms=busy)
    if not settings.team_mode:
        return local, local, KeyedHasher(load_or_create_secret(settings.paths.secret_file))
    from helper.store.migrate import require_current
    from helper.team.membership import team_hasher

    store = open_store(
        settings.db_url,
        migrate=False,
        busy_timeout_ms=busy,
        pool_size=settings.store.pool_size,
        max_overflow=settings.store.max_overflow,
    )
    try:
        with store.read():  # reachable at all? (StoreUnavailable names the problem)
            pass
        require_current(store.engine)
        hasher = team_hasher(store, settings.paths.team_secret_file)
    except BaseException:
        store.close()
        local.close()
        raise
    return local, store, hasher
