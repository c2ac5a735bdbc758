"""Reading workbench page fragments with BeautifulSoup, anchored on visible labels.

Pages are parsed with Python's own ``html.parser``, which accepts broken and truncated HTML and
returns what it could read. Values are found next to their labels, in the three shapes pages
use: ``订单号：123`` in one text, ``<dt>订单号</dt><dd>123</dd>`` (label then the next
element), and tables whose header cells are the labels. One complaint is the smallest block
of the page that holds exactly one case-id label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from helper.sites.profiles import MessageRules
from helper.text import fold

_MAX_VALUE = 200
_SKIP_PARENTS = {"script", "style", "template", "noscript"}
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_COLONS = (":", "：")

_ABSOLUTE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
_NO_YEAR = re.compile(r"(?<!\d)(\d{1,2})[-/月](\d{1,2})日?\s+(\d{1,2}):(\d{2})")
_RELATIVE = re.compile(r"(?:(\d+)\s*天)?\s*(?:(\d+)\s*(?:小时|时))?\s*(?:(\d+)\s*分)?")


@dataclass
class Record:
    """Label → value pairs found for one complaint / order, plus the block's whole text."""

    values: dict[str, str] = field(default_factory=dict)
    text: str = ""


@dataclass(frozen=True)
class PageMessage:
    sender: str
    text: str
    at: str | None


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def visible_strings(root: Tag) -> Iterator[NavigableString]:
    for string in root.find_all(string=True):
        if isinstance(string, _SKIP_STRINGS):
            continue
        if string.parent is not None and string.parent.name in _SKIP_PARENTS:
            continue
        if string.strip():
            yield string


def block_text(element: Tag) -> str:
    return " ".join(s.strip() for s in visible_strings(element))


# --- labels and values ---------------------------------------------------------------------


def _label_of(text: str, labels: dict[str, tuple[str, ...]]) -> tuple[str, str | None] | None:
    """(field, value in the same text or None) when ``text`` starts with a label."""
    normal = unicodedata.normalize("NFKC", text).strip()
    head, colon, tail = normal.partition(":")
    folded_head = fold(head.strip())
    for name, wanted in labels.items():
        if folded_head in wanted:
            value = tail.strip() if colon else ""
            return name, (value[:_MAX_VALUE] or None)
    return None


def _next_value(string: NavigableString) -> str | None:
    """The value that follows a bare label: the next non-empty text after the label's own
    element (``<dt>``/``<dd>``, ``<th>``/``<td>``, ``<span>``/``<span>``)."""
    for following in string.next_elements:
        if isinstance(following, NavigableString) and not isinstance(following, _SKIP_STRINGS):
            if following.parent is not None and following.parent.name in _SKIP_PARENTS:
                continue
            value = following.strip().lstrip(":：").strip()
            if value:
                return value[:_MAX_VALUE]
    return None


def label_hits(
    root: Tag, labels: dict[str, tuple[str, ...]]
) -> list[tuple[str, str | None, NavigableString]]:
    hits = []
    for string in visible_strings(root):
        found = _label_of(str(string), labels)
        if found is None:
            continue
        name, value = found
        hits.append((name, value if value is not None else _next_value(string), string))
    return hits


def records(root: Tag, labels: dict[str, tuple[str, ...]], key: str) -> list[Record]:
    """One record per block holding one ``key`` label (e.g. one case id per complaint)."""
    found = _table_records(root, labels, key)
    hits = [hit for hit in label_hits(root, labels) if hit[2].find_parent("table") is None]
    anchors = [hit[2] for hit in hits if hit[0] == key]
    # How many anchors each element holds; a record is an anchor's largest ancestor that
    # holds no other anchor.
    holding: dict[int, int] = {}
    for anchor in anchors:
        for parent in anchor.parents:
            holding[id(parent)] = holding.get(id(parent), 0) + 1
    for anchor in anchors:
        block = anchor.parent
        assert block is not None
        while block.parent is not None and holding.get(id(block.parent)) == 1:
            block = block.parent
        record = Record(text=block_text(block))
        for name, value, _ in label_hits(block, labels):
            if value and name not in record.values:
                record.values[name] = value
        if record.values.get(key):
            found.append(record)
    return found


def _table_records(root: Tag, labels: dict[str, tuple[str, ...]], key: str) -> list[Record]:
    found = []
    for table in root.find_all("table"):
        rows = table.find_all("tr")
        if not rows:
            continue
        columns: dict[int, str] = {}
        header_index = None
        for index, row in enumerate(rows):
            cells = row.find_all(["th", "td"])
            for column, cell in enumerate(cells):
                hit = _label_of(block_text(cell), labels)
                if hit is not None and hit[1] is None:
                    columns[column] = hit[0]
            if key in columns.values():
                header_index = index
                break
            columns = {}
        if header_index is None:
            continue
        for row in rows[header_index + 1 :]:
            cells = row.find_all(["th", "td"])
            record = Record(text=block_text(row))
            for column, name in columns.items():
                if column < len(cells) and (value := block_text(cells[column])[:_MAX_VALUE]):
                    record.values[name] = value
            if record.values.get(key):
                found.append(record)
    return found


# --- times ---------------------------------------------------------------------------------


def parse_page_time(
    text: str, time_zone: ZoneInfo, *, end_of_day: bool = False, now: datetime | None = None
) -> datetime | None:
    """``2026-11-20 10:15:00``, ``2026/11/20 10:15``, ``2026年11月20日`` in the platform's time
    zone. A date without a time is the start of the day, or its end for a deadline. With
    ``now``, a chat time without a year (``11-21 10:00``) is the latest such moment not after
    ``now`` (chat pages leave the year out)."""
    normal = unicodedata.normalize("NFKC", text)
    match = _ABSOLUTE.search(normal)
    if match is not None:
        year, month, day, hour, minute, second = match.groups()
        return _moment(int(year), month, day, hour, minute, second, time_zone, end_of_day)
    short = _NO_YEAR.search(normal) if now is not None else None
    if short is None or now is None:
        return None
    month, day, hour, minute = short.groups()
    local_now = now.astimezone(time_zone)
    for year in (local_now.year, local_now.year - 1):
        moment = _moment(year, month, day, hour, minute, None, time_zone, end_of_day)
        if moment is not None and moment <= local_now:
            return moment
    return None


def _moment(
    year: int,
    month: str,
    day: str,
    hour: str | None,
    minute: str | None,
    second: str | None,
    time_zone: ZoneInfo,
    end_of_day: bool,
) -> datetime | None:
    try:
        if hour is None or minute is None:
            moment = datetime(year, int(month), int(day), tzinfo=time_zone)
            return moment + timedelta(days=1, seconds=-1) if end_of_day else moment
        return datetime(
            year, int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=time_zone
        )
    except ValueError:  # 2026-13-45 and the like
        return None


def parse_remaining(text: str, now: datetime) -> datetime | None:
    """``剩余 2天3小时`` → now + 2 days 3 hours (pages often count down instead of dating)."""
    folded = fold(text)
    if "剩余" not in folded and "还剩" not in folded:
        return None
    for match in _RELATIVE.finditer(folded):
        days, hours, minutes = match.groups()
        if days or hours or minutes:
            return now + timedelta(
                days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0)
            )
    return None


# --- chat messages -------------------------------------------------------------------------


def messages(root: Tag, rules: MessageRules) -> list[PageMessage]:
    items = _first_match(root, rules.item_selectors)
    found = []
    for item in items:
        sender = _first_text(item, rules.sender_selectors)
        text = _first_text(item, rules.text_selectors)
        if sender and text:
            found.append(PageMessage(sender, text, _first_text(item, rules.time_selectors)))
    return found


def page_buyer(root: Tag, rules: MessageRules, buyer_selectors: Iterable[str]) -> str | None:
    """The buyer the page is about: a labelled value (买家：tb_xx) or the profile's selector."""
    if rules.buyer_labels:
        for _, value, _ in label_hits(root, {"buyer": rules.buyer_labels}):
            if value:
                return value
    return _first_text(root, tuple(buyer_selectors))


def _first_match(root: Tag, selectors: Iterable[str]) -> list[Tag]:
    for selector in selectors:
        found = root.select(selector)
        if found:
            return found
    return []


def _first_text(root: Tag, selectors: Iterable[str]) -> str | None:
    for selector in selectors:
        element = root.select_one(selector)
        if element is not None:
            text = " ".join(element.get_text(" ").split())
            if text:
                return text
    return None
