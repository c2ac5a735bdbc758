"""Export and purge of contact records.

Records older than ``[privacy] retention_days`` (default 180) are purged at start and daily.
Nothing is purged unexported: the purge first writes the records it removes to a JSON file in
the data directory's ``exports/`` folder (masked identities only), then deletes them in the
same transaction. ``helper contacts export`` writes the same format on demand.

An opt-out that is still in force is never purged: forgetting it would let the shop call a
buyer who said stop.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper import __version__
from helper.contacts.history import messages_json, opt_outs_json, restrictions_json
from helper.contacts.log import attempt_json, attempts_query
from helper.contacts.policy import iso
from helper.contacts.tables import (
    buyer_keys,
    buyer_messages,
    buyers,
    contact_attempts,
    contact_opt_outs,
    contact_restrictions,
)
from helper.services import Services

log = logging.getLogger(__name__)

EXPORT_FORMAT = "workbench-guard/contacts/1"


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    attempts: int
    opt_outs: int
    messages: int
    restrictions: int
    buyers: int
    export: Path | None

    @property
    def total(self) -> int:
        return self.attempts + self.opt_outs + self.messages + self.restrictions


def _selection(since: datetime | None, before: datetime | None) -> tuple[Any, Any, Any, Any]:
    """WHERE clauses for attempts, opt-outs, buyer messages and buyer limits in
    [since, before)."""

    def between(column: Any) -> Any:
        clauses = [sa.true()]
        if since is not None:
            clauses.append(column >= since)
        if before is not None:
            clauses.append(column < before)
        return sa.and_(*clauses)

    def ended(table: sa.Table, ended_at: sa.Column) -> Any:
        # A record's age is that of its end (reversal, replacement); one in force never expires.
        if before is None:
            return between(table.c.at)
        return sa.and_(ended_at.is_not(None), between(ended_at))

    return (
        between(contact_attempts.c.at),
        ended(contact_opt_outs, contact_opt_outs.c.reversed_at),
        between(buyer_messages.c.at),
        ended(contact_restrictions, contact_restrictions.c.lifted_at),
    )


def export_document(
    conn: Connection,
    now: datetime,
    *,
    since: datetime | None = None,
    before: datetime | None = None,
) -> dict[str, Any]:
    attempts_where, opt_outs_where, messages_where, limits_where = _selection(since, before)
    attempts = conn.execute(
        attempts_query()
        .where(attempts_where)
        .order_by(contact_attempts.c.at, contact_attempts.c.id)
    ).all()
    return {
        "format": EXPORT_FORMAT,
        "helper_version": __version__,
        "exported_at": iso(now),
        "since": iso(since),
        "before": iso(before),
        "attempts": [attempt_json(row) for row in attempts],
        "opt_outs": _with_buyer(conn, contact_opt_outs, opt_outs_where, opt_outs_json),
        "buyer_messages": _with_buyer(conn, buyer_messages, messages_where, messages_json),
        "restrictions": _with_buyer(conn, contact_restrictions, limits_where, restrictions_json),
    }


def _with_buyer(conn: Connection, table: sa.Table, where: Any, rows_json: Any) -> list[Any]:
    """Rows of ``table`` per buyer, each tagged with the buyer's masked identities."""
    result: list[Any] = []
    buyer_ids = conn.execute(sa.select(table.c.buyer_id).where(where).distinct()).scalars().all()
    for buyer_id in sorted(buyer_ids):
        masked = list(
            conn.execute(
                sa.select(buyer_keys.c.masked).where(buyer_keys.c.buyer_id == buyer_id)
            ).scalars()
        )
        rows = rows_json(conn, sa.and_(where, table.c.buyer_id == buyer_id))
        result.extend({"buyer": masked, **row} for row in rows)
    return result


def write_export(path: Path, document: dict[str, Any]) -> None:
    """Write atomically (temp file, fsync, rename): an export is the only copy once purged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".partial")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def exports_dir(services: Services) -> Path:
    return services.settings.paths.data_dir / "exports"


def purge(services: Services, *, retention_days: int, dry_run: bool = False) -> PurgeResult:
    """Export, then delete, contact records older than ``retention_days``."""
    now = services.clock()
    cutoff = now - timedelta(days=retention_days)
    selected = list(
        zip(
            (contact_attempts, contact_opt_outs, buyer_messages, contact_restrictions),
            _selection(None, cutoff),
            strict=True,
        )
    )
    with services.store.write() as conn:
        counts = [
            conn.execute(sa.select(sa.func.count()).select_from(table).where(where)).scalar_one()
            for table, where in selected
        ]
        if dry_run or not any(counts):
            return PurgeResult(cutoff, *counts, buyers=0, export=None)
        path = exports_dir(services) / f"contacts-purged-{now:%Y%m%dT%H%M%S%fZ}.json"
        write_export(path, export_document(conn, now, before=cutoff))
        for table, where in selected:
            conn.execute(table.delete().where(where))
        removed_buyers = conn.execute(buyers.delete().where(_forgotten(cutoff))).rowcount
    log.info("purged %d contact records older than %s into %s", sum(counts), cutoff, path.name)
    return PurgeResult(cutoff, *counts, buyers=removed_buyers, export=path)


def _forgotten(cutoff: datetime) -> Any:
    """Buyers older than the cutoff with nothing left on record (their keys go with them)."""

    def nothing_in(table: sa.Table) -> Any:
        return ~sa.exists().where(table.c.buyer_id == buyers.c.id)

    return sa.and_(
        buyers.c.created_at < cutoff,
        nothing_in(contact_attempts),
        nothing_in(contact_opt_outs),
        nothing_in(buyer_messages),
        nothing_in(contact_restrictions),
    )


def purge_expired(services: Services) -> PurgeResult:
    return purge(services, retention_days=services.settings.privacy.retention_days)
