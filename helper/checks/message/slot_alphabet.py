"""A compact encoding of a message for the slot patterns' RE2 searches.

RE2's time on a slot pattern grows with the bytes it reads, and more so on a text it has not
seen (its lazy DFA builds states per byte; bounded gaps such as ``[^。]{0,8}`` make many). In
UTF-8 a Chinese character is three bytes. A slot pattern made of word lists only tests
characters one by one against its words' characters, its clause-break class and ``.``, so
characters that occur in no word are interchangeable, and what a character is written as
does not matter as long as it is one character and distinct from the others. Each character
of the slot words (about 1,400 for the shipped rules) gets a code point from U+0101 up, two
bytes in UTF-8; every other non-ASCII character of a text gets U+0100; ASCII stays as it is.
The slot words are written in the codes before the patterns are assembled (``word``), and
the text before it is searched (``text``): they match at the same characters. A
500-character message is about 930 bytes instead of 1,400, and RE2 takes about a third less
time on texts it has not seen. Offsets are read back by decoding (one character per
character), as before.

A *pattern slot* (an RE2 regex in ``[slots]``) is written in the codes too. That is exact
only for a regex that names its non-ASCII characters one by one, as literals or in a class
(``[吧啊吗]``), and otherwise reads ASCII alone (RE2's ``\\b``, ``\\w``, ``\\d`` are ASCII):
not for a class range such as ``[一-龥]``, a Unicode class (``\\p{Han}``), a character by
number (``\\x{4E00}``), a single byte (``\\C``) or case folding (``(?i)``, the codes have
case pairs). A rule book with any other pattern slot (``codable``) gets ``compact=False``,
which leaves words and texts as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# the code of every character that is in no slot word
_OTHER = 0x100


# What a pattern slot's regex may not hold to be written in the codes (see the docstring):
# a range next to a non-ASCII character, \p \P \C \Q and escapes by number, the i flag.
_NOT_CODABLE = re.compile(r"[^\x00-\x7f]-|-[^\x00-\x7f]|\\[pPCQx0-9]|\(\?[a-zA-Z]*i")


def codable(regex: str) -> bool:
    """Whether a pattern slot's RE2 regex can be written in the codes (module docstring)."""
    return _NOT_CODABLE.search(regex) is None


def _code_points() -> Iterator[int]:
    """Codes for the words' characters, in order: two bytes in UTF-8 up to U+07FF (1,791
    characters), three after that; no surrogates."""
    yield from range(_OTHER + 1, 0xD800)
    yield from range(0xE000, 0x110000)


class _TextCodes(dict[int, int]):
    """A ``str.translate`` table for texts: a character is looked up in the words' codes once,
    then kept (ASCII as itself, a character of no word as ``_OTHER``)."""

    def __init__(self, codes: dict[int, int]) -> None:
        super().__init__()
        self._codes = codes

    def __missing__(self, char: int) -> int:
        code = self[char] = char if char < 0x80 else self._codes.get(char, _OTHER)
        return code


class SlotAlphabet:
    """Writes slot words and the texts they are searched in, in the same compact codes. Every
    word must be written (``word``) before the first text is (``text``)."""

    def __init__(self, *, compact: bool = True) -> None:
        self._compact = compact
        self._codes: dict[int, int] = {}
        self._known: set[str] = set()  # characters of the words so far, ASCII too
        self._next = _code_points()
        self._text_codes = _TextCodes(self._codes)

    def word(self, word: str) -> str:
        """A slot word (or a pattern slot's regex, or the clause-break characters) in codes;
        new characters get one."""
        if not self._compact:
            return word
        # thousands of words at every rule load, most of whose characters have a code already
        for char in sorted(set(word).difference(self._known)):
            self._known.add(char)
            if char >= "\x80":
                self._codes[ord(char)] = next(self._next)
        return word.translate(self._codes)

    @property
    def compact(self) -> bool:
        return self._compact

    @property
    def codes(self) -> dict[int, int]:
        """The codes given so far (character → code), to be kept with what was written in
        them (slot_sources.py)."""
        return dict(self._codes)

    def restore(self, codes: dict[int, int]) -> None:
        """Take the codes an earlier alphabet gave, as if the same words had been written."""
        self._codes.update(codes)
        self._known.update(map(chr, codes))
        last = max(codes.values(), default=_OTHER)
        self._next = (code for code in _code_points() if code > last)

    def text(self, view: str) -> str:
        """A text in codes: as many characters as ``view``, which it stands for."""
        return view.translate(self._text_codes) if self._compact else view
