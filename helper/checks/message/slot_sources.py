"""The slot patterns' RE2 sources, kept between runs.

Writing ~930 slot patterns as RE2 sources (every slot word normalised, written in the slot
alphabet's codes, escaped and joined) took about 70 ms of every rule load. What comes out
depends on the rule book's slot tables, patterns and look-alikes, on the code that writes it
and on what the normaliser reads (opencc's tables, Python's Unicode data): a digest of all of
that names the kept sources. Unlike the spellings (one entry per term), the sources are kept
whole: the slot alphabet gives codes in the order words are first written, so one pattern's
source depends on every pattern compiled before it; the alphabet's codes are kept with them.
Any rule edit that touches slots or look-alikes makes a new digest and the sources are written
again. The file is a cache (kept.py): damaged or stale, it is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import opencc

from helper.checks.message.kept import KeptValues
from helper.slots import Step

if TYPE_CHECKING:
    from helper.checks.message.rules import RuleBook

FILE_NAME = "slot-patterns.json"
# 2: strings and tokens written once, named by index; 3: the steps of every pattern and
# ``unless`` pattern (slot_walk.py)
_FORMAT = 3
_ENTRY = "patterns"
_HERE = Path(__file__).resolve().parent
# the code that writes a source: the slot syntax, the matcher's set-up, the alphabet, the
# normaliser and the folding it calls
_WRITERS = (
    _HERE.parent.parent / "slots.py",
    _HERE / "structure.py",
    _HERE / "slot_alphabet.py",
    _HERE / "normalise.py",
    _HERE.parent.parent / "text.py",
)


class Source(NamedTuple):
    """One slot pattern as the matcher runs it: RE2 source, those of its ``unless`` patterns,
    the words of each required token with a word list (None: none has one), and the
    steps of the pattern and of each ``unless`` pattern (``Slots.steps``; None: it names a
    pattern slot)."""

    regex: str
    unless: tuple[str, ...]
    anchors: tuple[tuple[str, ...], ...] | None
    steps: tuple[Step, ...] | None
    unless_steps: tuple[tuple[Step, ...] | None, ...]


class Written(NamedTuple):
    sources: list[Source]  # in the order of the rule book's patterns
    codes: dict[int, int]  # the slot alphabet's codes (character → code point)


class SlotSources:
    def __init__(self, folder: Path | None) -> None:
        self._kept = KeptValues(folder, FILE_NAME, _is_written)

    def start(self, book: RuleBook, compact: bool) -> None:
        self._kept.start(_digest(book, compact))

    def kept(self) -> Written | None:
        value = self._kept.get(_ENTRY)
        if value is None:
            return None
        try:
            texts = value["texts"]
            words = [tuple(texts[at] for at in token) for token in value["tokens"]]
            unless_steps = {at: _read_steps(steps, words) for at, steps in value["unless_steps"]}
            sources = [
                Source(
                    texts[regex],
                    tuple(texts[at] for at in unless),
                    None if anchors is None else tuple(words[at] for at in anchors),
                    _read_steps(steps, words),
                    tuple(unless_steps[at] for at in unless),
                )
                for regex, unless, anchors, steps in value["sources"]
            ]
        except (IndexError, KeyError, TypeError, ValueError):
            return None  # an index out of place: only a file written by hand
        return Written(sources, {char: code for char, code in value["codes"]})

    @property
    def missed(self) -> bool:
        """Whether the last load wrote the sources (tests)."""
        return self._kept.missed

    def keep(self, written: Written) -> None:
        # every string (a source, an ``unless`` source, a slot word) and every token (a
        # required token's words) written once and named by its index: the patterns of a rule
        # share its ``unless`` list and most tokens, and each written out in full made the
        # file four times the size, which every load parsed
        texts: dict[str, int] = {}
        tokens: dict[tuple[str, ...], int] = {}
        token_words: list[list[int]] = []

        def text(value: str) -> int:
            return texts.setdefault(value, len(texts))

        def token(words: tuple[str, ...]) -> int:
            at = tokens.get(words)
            if at is None:
                at = tokens[words] = len(tokens)
                token_words.append([text(word) for word in words])
            return at

        def steps(found: tuple[Step, ...] | None) -> list[list[Any]] | None:
            # a word step as [token, optional], a gap as [-1 - size, crosses_breaks]
            if found is None:
                return None
            return [
                [-1 - value if isinstance(value, int) else token(value), flag]
                for value, flag in found
            ]

        sources = [
            [
                text(source.regex),
                [text(u) for u in source.unless],
                None if source.anchors is None else [token(w) for w in source.anchors],
                steps(source.steps),
            ]
            for source in written.sources
        ]
        # an ``unless`` source's steps once (the patterns of a rule share its list), the first
        # written (as the matcher keeps them: two ways of writing one source have one regex)
        unless: dict[int, tuple[Step, ...] | None] = {}
        for source in written.sources:
            for regex, found in zip(source.unless, source.unless_steps, strict=True):
                unless.setdefault(text(regex), found)
        unless_steps = [[at, steps(found)] for at, found in unless.items()]
        self._kept.put(
            _ENTRY,
            {
                # after every step is written: a step's token may add words
                "texts": list(texts),
                "tokens": token_words,
                "sources": sources,
                "unless_steps": unless_steps,
                "codes": list(written.codes.items()),
            },
        )
        self._kept.finish()


def _digest(book: RuleBook, compact: bool) -> str:
    hasher = hashlib.sha256(f"{_FORMAT} {compact} {sys.version_info[:3]}".encode())
    # the library's own version: importlib.metadata cost ~30 ms to import and ~7 ms to ask
    hasher.update(opencc.__version__.encode())
    patterns = [[rule.id, list(rule.slots)] for rule in book.rules if rule.slots]
    tables = [sorted(book.slots.items()), sorted(book.lookalikes.items()), patterns]
    hasher.update(json.dumps(tables, ensure_ascii=False, sort_keys=True).encode())
    for path in _WRITERS:
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _is_written(value: Any) -> bool:
    """The shape ``keep`` writes (a file altered by hand is a miss, not an error); indices are
    checked as ``kept`` reads them."""
    if not isinstance(value, dict):
        return False
    texts, tokens = value.get("texts"), value.get("tokens")
    sources, codes = value.get("sources"), value.get("codes")
    unless_steps = value.get("unless_steps")
    return (
        isinstance(texts, list)
        and all(isinstance(item, str) for item in texts)
        and isinstance(tokens, list)
        and all(_numbers(token) for token in tokens)
        and isinstance(sources, list)
        and all(_is_source(source) for source in sources)
        and isinstance(unless_steps, list)
        and all(isinstance(pair, list) and len(pair) == 2 for pair in unless_steps)
        and isinstance(codes, list)
        and all(isinstance(pair, list) and len(pair) == 2 and _numbers(pair) for pair in codes)
    )


_INT = frozenset({int})


def _is_source(source: Any) -> bool:
    """Steps are checked as ``_read_steps`` reads them."""
    if not (isinstance(source, list) and len(source) == 4):
        return False
    regex, unless, anchors, _ = source
    return type(regex) is int and _numbers(unless) and (anchors is None or _numbers(anchors))


def _numbers(value: Any) -> bool:
    # the items' types gathered at C level (a bool is no int here): 40,000 items a load
    return isinstance(value, list) and set(map(type, value)) <= _INT


def _read_steps(
    steps: list[list[Any]] | None, words: list[tuple[str, ...]]
) -> tuple[Step, ...] | None:
    """Steps as ``keep`` wrote them: a word step names its token, a gap is a negative size.
    Raises ValueError for anything else (a file altered by hand)."""
    if steps is None:
        return None
    found: list[Step] = []
    for value, flag in steps:
        if type(value) is not int or type(flag) is not bool:
            raise ValueError("not a step")
        found.append((words[value], flag) if value >= 0 else (-1 - value, flag))
    return tuple(found)
