"""Per-buyer locks that keep the contact caps right when many helpers share one database.

The rule that makes a reservation atomic: every transaction that reads a buyer's attempts to
decide, or changes which attempts belong to a buyer, holds that buyer's lock until it commits.

* ``key:<hash>`` serialises everything done through one identity, including the first contact,
  which creates the buyer (no buyer id exists yet to lock).
* ``buyer:<id>`` serialises everything done to one buyer through any of its linked identities.
  The key -> buyer mapping is read again after the buyer lock is held: a link that moved the
  key to another buyer meanwhile (it held the old buyer's lock) is seen, and that buyer's lock
  is taken too.

Order, so that no two transactions wait for each other: all key locks (sorted) before any
buyer lock (sorted). PostgreSQL detects a deadlock the order did not prevent and ends one
transaction (503, retried by the caller); it never lets a cap be exceeded. On SQLite
``store.write()`` holds the only write lock, and these calls do nothing.

``helper.contacts.buyers.lock_buyer`` applies the rule for one identity.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from helper.identity import BuyerRef
from helper.store.locks import lock_names


def lock_keys(conn: Connection, *refs: BuyerRef) -> None:
    lock_names(conn, (f"key:{ref.key}" for ref in refs))


def lock_buyer_ids(conn: Connection, *buyer_ids: int) -> None:
    lock_names(conn, (f"buyer:{buyer_id}" for buyer_id in buyer_ids))
