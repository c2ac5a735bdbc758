"""Reading workbench page fragments with BeautifulSoup, anchored on visible labels.

Pages are parsed with Python's own ``html.parser``, which accepts broken and truncated HTML and
returns what it could read. Values are found next to their labels, in the shapes pages use:
``订单号：123`` anywhere in a text, several to a line (``投诉编号: V1 | 状态: 待举证``);
``<dt>订单号</dt><dd>123</dd>`` (label then the next element: description lists, cards);
and tables whose header cells are the labels, including Ant Design / Fusion tables that draw
the header and the body as two tables, with labels inside cells winning over the column.
One complaint is the largest block of the page that holds exactly one case-id label, or one
table row. docs/complaints-and-reminders.md describes each shape.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
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
# What follows a countdown marker: numbers and the units _RELATIVE reads.
_COUNTDOWN_TAIL = re.compile(r"[\s\d天小时分钟]*")
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

Labels = dict[str, tuple[str, ...]]  # field -> folded labels
# Characters that end a value written inline before the next one: 投诉编号：T1 | 状态：待举证
_VALUE_ENDS = re.compile(r"[|｜·•;；]")


@dataclass(frozen=True)
class _Occurrence:
    name: str
    start: int  # where the label starts in the text
    value_start: int  # just after its colon, or the end of the text for a bare label
    bare: bool  # the label alone (its value is in the next element)


def _occurrences(folded: str, labels: Labels) -> list[_Occurrence]:
    """Labels written ``label：`` anywhere in a text (at a word start, so 商品编号 is not
    编号), or a text that is nothing but a label (``<dt>订单号</dt>``, ``订单号：``)."""
    found: list[_Occurrence] = []
    bare_text = folded.strip().rstrip(":").strip()
    for name, wanted in labels.items():
        for label in wanted:
            if bare_text == label:
                found.append(_Occurrence(name, 0, len(folded), True))
                continue
            at = folded.find(label)
            while at != -1:
                after = at + len(label)
                colon = after + len(folded[after:]) - len(folded[after:].lstrip())
                starts_word = at == 0 or not folded[at - 1].isalnum()
                if starts_word and folded.startswith(":", colon):
                    found.append(_Occurrence(name, at, colon + 1, False))
                at = folded.find(label, at + 1)
    # A longer label wins over one it contains (举证截止时间 over 截止时间).
    kept = [
        occ
        for occ in found
        if not any(
            other is not occ
            and other.start <= occ.start
            and other.value_start >= occ.value_start
            and (other.start, other.value_start) != (occ.start, occ.value_start)
            for other in found
        )
    ]
    return sorted(kept, key=lambda occ: occ.start)


def _labels_in(text: str, labels: Labels) -> list[tuple[str, str | None]]:
    """(field, value in the same text, or None when the value is in the next element)."""
    normal = unicodedata.normalize("NFKC", text)
    folded = fold(normal)
    if len(folded) != len(normal):
        # Folding changed the length (rare ligatures): positions would not line up, so only
        # a text that is exactly one label (with or without its value) can be read.
        head, colon, tail = normal.partition(":")
        for name, wanted in labels.items():
            if fold(head.strip()) in wanted:
                return [(name, tail.strip()[:_MAX_VALUE] or None if colon else None)]
        return []
    hits: list[tuple[str, str | None]] = []
    found = _occurrences(folded, labels)
    for index, occ in enumerate(found):
        end = found[index + 1].start if index + 1 < len(found) else len(normal)
        value = _VALUE_ENDS.split(normal[occ.value_start : end], maxsplit=1)[0].strip()
        if value:
            hits.append((occ.name, value[:_MAX_VALUE]))
        elif index + 1 == len(found):  # nothing after the last label: look in what follows
            hits.append((occ.name, None))
    return hits


def _next_value(string: NavigableString, labels: Labels, within: Tag | None) -> str | None:
    """The value that follows a bare label: the next non-empty text after the label's own
    element (``<dt>``/``<dd>``, ``<th>``/``<td>``, ``<span>``/``<span>``), not leaving
    ``within`` (a table row) when given. When that text is the next label, the page left
    this value empty (a placeholder still loading)."""
    for following in string.next_elements:
        if within is not None and within not in following.parents:
            return None
        if isinstance(following, NavigableString) and not isinstance(following, _SKIP_STRINGS):
            if following.parent is not None and following.parent.name in _SKIP_PARENTS:
                continue
            value = following.strip().lstrip(":：").strip()
            if value:
                return None if _labels_in(value, labels) else value[:_MAX_VALUE]
    return None


def label_hits(
    root: Tag, labels: Labels, *, within: Tag | None = None
) -> list[tuple[str, str | None, NavigableString]]:
    hits = []
    for string in visible_strings(root):
        for name, value in _labels_in(str(string), labels):
            if value is None:
                value = _next_value(string, labels, within)
            hits.append((name, value, string))
    return hits


def records(root: Tag, labels: Labels, key: str) -> list[Record]:
    """One record per block holding one ``key`` label (e.g. one case id per complaint)."""
    found, header_tables = _table_records(root, labels, key)

    def outside_header_tables(string: NavigableString) -> bool:
        return not any(id(table) in header_tables for table in string.find_parents("table"))

    hits = [hit for hit in label_hits(root, labels) if outside_header_tables(hit[2])]
    anchors = list(dict.fromkeys(hit[2] for hit in hits if hit[0] == key))
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


def _own_rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _own_cells(row: Tag) -> list[Tag]:
    return [cell for cell in row.find_all(["th", "td"]) if cell.find_parent("tr") is row]


def _bare_label(text: str, labels: Labels) -> str | None:
    folded = fold(text).strip().rstrip(":").strip()
    return next((name for name, wanted in labels.items() if folded in wanted), None)


def _header(rows: list[Tag], labels: Labels, key: str) -> tuple[int, dict[int, str]] | None:
    """The header row (its index and column → field): the first row naming the key column
    whose cells are mostly labels. A row of label, value, label, value (a description list
    laid out as a table) is not a header."""
    for index, row in enumerate(rows):
        cells = _own_cells(row)
        texts = [block_text(cell) for cell in cells]
        columns = {
            column: name
            for column, text in enumerate(texts)
            if (name := _bare_label(text, labels)) is not None
        }
        if key not in columns.values():
            continue
        filled = sum(1 for text in texts if text)
        all_th = all(cell.name == "th" for cell in cells)
        if row.find_parent("thead") is not None or all_th or 2 * len(columns) > filled:
            return index, columns
    return None


def _table_records(root: Tag, labels: Labels, key: str) -> tuple[list[Record], set[int]]:
    """Records of tables whose header names the columns, and the ids of those tables.

    Ant Design (fixed header) and Fusion tables draw the header in one ``<table>`` and the
    body in the next: a header without rows lends its columns to the next table without a
    header. Labels written inside a row's cells (``举证截止时间：…`` under the status) count
    too, and win over the column they sit in."""
    found: list[Record] = []
    header_tables: set[int] = set()
    pending: dict[int, str] | None = None
    for table in root.find_all("table"):
        rows = _own_rows(table)
        header = _header(rows, labels, key)
        if header is not None:
            index, columns = header
            body = rows[index + 1 :]
            header_tables.add(id(table))
            if not body:
                pending = columns
                continue
        elif pending is not None and rows:
            columns, body = pending, rows
            header_tables.add(id(table))
        else:
            continue
        pending = None
        for row in body:
            cells = _own_cells(row)
            record = Record(text=block_text(row))
            for column, name in columns.items():
                if column < len(cells) and (value := block_text(cells[column])[:_MAX_VALUE]):
                    record.values[name] = value
            for name, value, _ in label_hits(row, labels, within=row):
                if value:
                    record.values[name] = value
            if record.values.get(key):
                found.append(record)
    return found, header_tables


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


@dataclass(frozen=True)
class Countdown:
    """A deadline a page gives as time left, and its smallest unit (剩余 2 天 → a day)."""

    at: datetime
    unit: timedelta


def parse_countdown(
    text: str, now: datetime, markers: Sequence[str], *, countdown: bool = False
) -> Countdown | None:
    """``剩余 2天3小时`` / ``还剩 2 天`` → now + 2 days 3 hours (pages often count down
    instead of dating). ``markers`` (folded, from rules/complaints) say a text is a countdown;
    with ``countdown`` the text is known to be one (the value of a 举证剩余时间 label), so
    ``1天23小时`` alone counts too."""
    folded = fold(text)
    if not countdown and not any(marker in folded for marker in markers):
        return None
    for match in _RELATIVE.finditer(folded):
        days, hours, minutes = match.groups()
        if days or hours or minutes:
            left = timedelta(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0))
            unit = timedelta(minutes=1) if minutes else timedelta(hours=1 if hours else 24)
            return Countdown(now + left, unit)
    return None


def countdown_phrase(text: str, markers: Sequence[str]) -> str:
    """The countdown's own words in a longer text (folded), e.g. 剩余 1 天 23 小时."""
    folded = fold(text)
    found = [(at, len(marker)) for marker in markers if (at := folded.find(marker)) != -1]
    if not found:
        return text[:100]
    start, length = min(found)
    tail = _COUNTDOWN_TAIL.match(folded, start + length)
    return folded[start : tail.end() if tail else start + length].strip()[:100]


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
