"""Row ids in URLs (``<id:complaint_id>``) and bodies.

Ids are 64-bit database integers. A larger number names no row, but handing it to the
database overflows the driver (a 500), so it is answered 404 before any query runs.
"""

from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter

LARGEST_ROW_ID = 2**63 - 1  # SQLite INTEGER and PostgreSQL BIGINT


class NoSuchRow(NotFound):
    """A 404 whose Chinese ``description`` is the message the client sees."""


class RowIdConverter(BaseConverter):
    """Digits only (``-1``, ``1.5`` or ``abc`` match no route); beyond the range: 404."""

    regex = r"[0-9]{1,400}"
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ROW_ID:
            raise NoSuchRow(f"没有编号为 {value} 的记录")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
