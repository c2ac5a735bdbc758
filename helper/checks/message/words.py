"""The real-word gate: a term matched in a spelling other than its own (a homophone such as 致歉
for 纸钱) counts only where the characters as typed are not an everyday word; a term matched as
written counts only where it is not part of a longer word (垃圾 in 垃圾袋).

"Everyday word" is decided by a real dictionary, not by hand-kept lists: the word list with
frequencies that the jieba segmenter ships (``jieba/dict.txt``, MIT licence, about 350,000
words). Only that data file is read; the segmenter itself is never imported or run.
"""

from __future__ import annotations

import importlib.util
import math
import re
import threading
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path

# A word at least this frequent in jieba's dictionary (its counts come from a large general
# corpus) is an everyday word: 致歉 62, 明智 330, 首先 9248, but 煞笔 3, 沙比 6, 卧槽 3.
EVERYDAY_MIN_COUNT = 20
# A respelled character at least this frequent as a word alone (主 14,838, 的, 任) reads with
# its neighbours; rarer ones (插 3,939, 忍 2,129) are a respelling.
RESPELLED_CHAR_MAX_COUNT = 10_000
# A kept character at least this frequent alone is a function word (的 318,825, 我, 你, 他):
# with one other character respelled it no longer points at a term (压的 is not 妈的).
KEPT_CHAR_MAX_COUNT = 100_000
# The respelled character of such a pair may be this frequent alone (新 62,626 in 恶新)
PAIR_RESPELLED_MAX_COUNT = 70_000
# Longest stretch of text looked at around a hit for a longer word that holds it.
_MAX_EXTRA_CHARS = 3
# How often a lexicon term counts as occurring when the text around a hit is segmented (most
# terms are missing from the dictionary or rare in it: 傻逼 0, 卧槽 3): enough that 傻逼真烦
# reads 傻逼/真/烦, not 傻/逼真/烦, and little enough that 送给妈妈的 reads 妈妈/的, not 妈/妈的.
TERM_COUNT = 1000
# How often a sound-alike spelling counts as occurring in that segmentation: a rare word, so
# that an everyday word across its edge wins (瘦/一点, 一点 14,165) and a rare one does not
# (寄/点/明币 for 冥币: 点明 56).
GUESS_COUNT = 100
# A dictionary entry this long (an idiom, 成语, or a set phrase) that holds a sound-alike hit
# explains it at any frequency (奉子成婚 3).
PHRASE_MIN_CHARS = 4
_LONGEST_WORD = 8
_HANZI = re.compile(r"[\u3400-\u9fff]+")
_QUANTITY = re.compile(r"[0-9]+(?:\.[0-9]+)?([a-z]+)")
# a run of Latin letters in a hit
_LETTERS = re.compile(r"[a-z]+")


class Dictionary:
    """Word → frequency count, from jieba's dictionary, and the sum of every count; read on first
    use (0.3–0.6 s, so it is paid only by a process that meets a hit the gate must decide)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._counts: dict[str, str] | None = None
        self._total: int | None = None
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        """The sum of every count (the denominator of a word's probability)."""
        if self._total is None:
            self._load()  # sets the total with the counts
        return self._total or 0

    def count(self, word: str) -> int:
        counts = self._counts
        if counts is None:
            counts = self._load()
        found = counts.get(word)
        return int(found) if found is not None else 0

    def counts(self) -> dict[str, str]:
        """Word → its count as the file writes it (the gate's inner loop reads it directly)."""
        counts = self._counts
        return counts if counts is not None else self._load()

    @property
    def loaded(self) -> bool:
        return self._counts is not None

    def warm(self) -> None:
        """Read the dictionary now (a server does it at start-up, so that the first draft with
        a finding does not wait for it)."""
        self._load()

    def _load(self) -> dict[str, str]:
        with self._lock:
            if self._counts is None:
                text = (self._path or dictionary_path()).read_text(encoding="utf-8")
                tokens = text.split()  # "word count tag" per line
                counts = dict(zip(tokens[0::3], tokens[1::3], strict=True))
                # the total with the counts: summing 350,000 counts costs ~100 ms, which the
                # first hit read as written (the segmentation in WordGate) paid after warm()
                self._total = sum(map(int, counts.values()))
                self._counts = counts
            return self._counts


def dictionary_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed (its dictionary is needed)")
    return Path(spec.origin).parent / "dict.txt"


@lru_cache(maxsize=1)
def shared_dictionary() -> Dictionary:
    """One dictionary per process, shared by every engine (reloads keep it)."""
    return Dictionary()


class WordGate:
    """Decides whether a term's hit stands for the term or for an ordinary word."""

    def __init__(
        self, dictionary: Dictionary, terms: Collection[str], units: Collection[str] = ()
    ) -> None:
        self._dictionary = dictionary
        # unit symbols: a number with one after it is a quantity (2h, 5kg), not initials
        self._units = frozenset(units)
        # terms as written (folded): a spelling that is itself a term is read as that term only
        # (草泥马 is 草泥马, a term of its own, whatever its count in jieba's dictionary), never
        # also as a term it sounds like (counts, another_term)
        self._terms = frozenset(terms)
        # answers of _split_across and _in_word for the last view asked about: several hits
        # of one check share spans (one term in two rules, a term and its sound-alike key),
        # about a third of the questions of a long message. One (view, answers) tuple,
        # replaced whole when another view is asked about, so a check in another thread
        # never reads answers about a text not its own.
        self._answers: tuple[str, dict[tuple[object, ...], bool]] = ("", {})

    def counts(
        self, view: str, first: int, last: int, written: str, *, in_context: bool = False
    ) -> bool:
        """Whether ``view[first:last]`` (the folded text of a hit on a term written
        ``written``) stands for the term. ``in_context``: the rule already found the words it
        needs nearby (寄 for 冥币), so a sound-alike may run into a word across its edge as
        long as the likeliest reading of the text keeps it whole (寄点明币 is 寄/点/明币, but
        瘦一点的…给您寄 is still 瘦/一点, not 寿衣)."""
        typed = view[first:last]
        if not _HANZI.fullmatch(typed):
            # pinyin, initials, mixed forms: no Chinese word to mistake them for, but a number
            # with a unit after it is a quantity (需要2h: two hours, no 二货)
            return not (self._quantity(typed) or self._doubled_unit(typed))
        if self.another_term(typed, written):
            # typed as another term of the lexicon (母狗 heard as 穆狗): that term's own hit
            # reads the characters, with its own rule, context and exceptions; a second reading
            # as a term it only sounds like would overrule them (母狗绝育 is no slur)
            return False
        if typed == written:
            # as written: a longer word of any frequency that holds it is another word, and so
            # is a word that the text around it reads as, across its edge (妈妈 in 送给妈妈的
            # holds the 妈 of 妈的; 中国男装 is 中国/男装, not 国男)
            # (and a hit split into two everyday words, each completed by its neighbours, is
            # those words whatever the term's weight: 包装|逼真 holds no 装逼, but 傻逼真烦 is
            # still 傻逼: no word ends at 傻)
            return not self._in_word(view, first, last, 1, straddling=False) and not (
                self._split_across(view, first, last) or self._split_in_two(view, first, last)
            )
        if self._dictionary.count(typed) >= EVERYDAY_MIN_COUNT or self._holds_respelled_word(
            typed, written
        ):
            return False
        # an idiom or set phrase of any frequency that holds the whole hit (奉子成婚 for 疯子),
        # or two dictionary words that meet inside it (黑人|炸鸡 over 人渣, even where one of
        # them is another rule's word), is what was typed: a respelling made to disguise a term
        # is rarely such a phrase, and never two words that meet (a shorter rare word around
        # a respelling is often chance: 3-character words cost cloaked insults)
        if self._in_phrase(view, first, last) or self._split_in_two(
            view, first, last, min_count=1, terms_too=True
        ):
            return False
        # a sound-alike spelling that is part of an everyday word, runs across one or holds one
        # was typed as that word (他马上 is not 他妈, 高级的 is not 搞基的; 一箱纸前 is still 纸钱)
        # (a word inside it typed as the term writes it there is the term's own, not another
        # word — 素质插 for 素质差 holds 素质, 外地忍 for 外地人 holds 外地 — unless a respelled
        # character is a frequent word alone, which then reads with its neighbours: 主 in
        # 女主一样 is not 猪)
        own = written if len(written) == last - first and self._rare(typed, written) else ""
        if in_context:
            return not self._in_word(
                view, first, last, EVERYDAY_MIN_COUNT, straddling=False, own=own
            ) and not self._split_across(view, first, last, guess=typed)
        return not self._in_word(view, first, last, EVERYDAY_MIN_COUNT, straddling=True, own=own)

    def another_term(self, typed: str, written: str) -> bool:
        """Whether ``typed`` (the characters of a hit on the term written ``written``) is
        another term of the rules as written."""
        return typed != written and typed in self._terms

    def _in_phrase(self, view: str, first: int, last: int) -> bool:
        """Whether a dictionary entry of at least ``PHRASE_MIN_CHARS`` Chinese characters, longer
        than ``view[first:last]`` and not a term, holds it (奉子成婚 holds 奉子)."""
        counts = self._dictionary.counts()
        return any(
            view[start:end] in counts
            and view[start:end] not in self._terms
            and _HANZI.fullmatch(view[start:end]) is not None
            for start in range(max(0, first - _MAX_EXTRA_CHARS), first + 1)
            for end in range(
                max(last, start + PHRASE_MIN_CHARS), min(len(view), last + _MAX_EXTRA_CHARS) + 1
            )
            if end - start > last - first  # longer than the hit: the hit alone is no phrase
        )

    def _doubled_unit(self, typed: str) -> bool:
        """Whether ``typed`` holds a unit symbol made of one letter doubled (mm, cc): the
        normaliser reads a doubled letter as one held long (sbbb), so 单位是mm的 would be m的,
        the initials of 妈的. A hit is bounded by non-letters, so the run is the whole word."""
        return any(
            run[0] * len(run) == run and run in self._units
            for run in _LETTERS.findall(typed.lower())
            if len(run) > 1
        )

    def _quantity(self, typed: str) -> bool:
        """Whether ``typed`` is a number followed by a unit symbol (2h, 30H, 1.5kg)."""
        found = _QUANTITY.fullmatch(typed.lower())
        return found is not None and found.group(1) in self._units

    def _holds_respelled_word(self, typed: str, written: str) -> bool:
        """Whether an everyday word of two or more characters, none of them the term's own,
        lies inside the hit: those characters were typed as that word (狗狗多重 holds 多重, so
        it is no 狗杂种), not as a respelling."""
        count = self._dictionary.count
        own = set(written)
        return any(
            count(typed[start:end]) >= EVERYDAY_MIN_COUNT
            for start in range(len(typed) - 1)
            if typed[start] not in own
            for end in range(start + 2, len(typed) + 1)
            if typed[end - 1] not in own and not own & set(typed[start:end])
        )

    def pair_respelling(self, typed: str, written: str) -> bool:
        """Whether two Chinese characters typed for a two-character word without sound-alikes
        can stand for it: one kept and not a function word (的, 我, 你, 他 read with anything:
        压的, 我考, 你呀, 他吗), the other too rare to be a word alone (活盖 for 活该, 喷字 for
        喷子, 恶新 for 恶心)."""
        if len(typed) != 2 or len(written) != 2 or not _HANZI.fullmatch(typed):
            return False
        pairs = list(zip(typed, written, strict=True))
        kept = [a for a, b in pairs if a == b]
        count = self._dictionary.count
        return (
            len(kept) == 1
            and count(kept[0]) < KEPT_CHAR_MAX_COUNT
            and all(count(a) < PAIR_RESPELLED_MAX_COUNT for a, b in pairs if a != b)
        )

    def _rare(self, typed: str, written: str) -> bool:
        """Whether every character of ``typed`` that differs from ``written`` is a rare word
        alone (below ``RESPELLED_CHAR_MAX_COUNT``)."""
        count = self._dictionary.count
        return all(
            count(a) < RESPELLED_CHAR_MAX_COUNT
            for a, b in zip(typed, written, strict=True)
            if a != b
        )

    def is_word(self, typed: str) -> bool:
        """Whether ``typed`` is in the dictionary at all and is not itself a term."""
        return typed not in self._terms and self._dictionary.count(typed) > 0

    def _remembered(self, view: str, key: tuple[object, ...], answer: Callable[[], bool]) -> bool:
        kept = self._answers
        if kept[0] is not view:
            kept = self._answers = (view, {})
        found = kept[1].get(key)
        if found is None:
            found = kept[1][key] = answer()
        return found

    def _split_in_two(
        self,
        view: str,
        first: int,
        last: int,
        *,
        min_count: int = EVERYDAY_MIN_COUNT,
        terms_too: bool = False,
    ) -> bool:
        return self._remembered(
            view,
            ("two", first, last, min_count, terms_too),
            lambda: self._splits_in_two(view, first, last, min_count, terms_too),
        )

    def _splits_in_two(
        self, view: str, first: int, last: int, min_count: int, terms_too: bool
    ) -> bool:
        """Whether the hit splits at one point into the end of a dictionary word (at least
        ``min_count``) that starts before it and the start of one that ends after it (包装|逼真
        over 装逼), neither a term unless ``terms_too``."""
        counts = self._dictionary.counts()
        terms = frozenset() if terms_too else self._terms
        lowest = max(0, first - _MAX_EXTRA_CHARS)
        highest = min(len(view), last + _MAX_EXTRA_CHARS)

        def everyday(word: str) -> bool:
            found = counts.get(word)
            return (
                found is not None
                and int(found) >= min_count
                and word not in terms
                and _HANZI.fullmatch(word) is not None
            )

        return any(
            any(everyday(view[start:split]) for start in range(lowest, first))
            and any(everyday(view[split:end]) for end in range(last + 1, highest + 1))
            for split in range(first + 1, last)
        )

    def _split_across(self, view: str, first: int, last: int, guess: str = "") -> bool:
        return self._remembered(
            view,
            ("split", first, last, guess),
            lambda: self._splits_across(view, first, last, guess),
        )

    def _splits_across(self, view: str, first: int, last: int, guess: str = "") -> bool:
        """Whether the likeliest segmentation of the Chinese text around ``view[first:last]``
        (jieba's method: the path of words with the highest product of probabilities, over
        its dictionary, each term counting at least ``TERM_COUNT``) puts a word of two or more
        characters across an edge of the hit. Single characters never clear a hit: 我靠 reads
        我/靠 too, and is still 我靠. ``guess``: a sound-alike spelling, counted as a rare word
        (``GUESS_COUNT``)."""
        low, high = first, last
        while low > max(0, first - _MAX_EXTRA_CHARS) and _HANZI.fullmatch(view[low - 1]):
            low -= 1
        while high < min(len(view), last + _MAX_EXTRA_CHARS) and _HANZI.fullmatch(view[high]):
            high += 1
        if (low, high) == (first, last):
            return False
        log_total = math.log(self._dictionary.total)
        counts, terms = self._dictionary.counts(), self._terms
        best: list[tuple[float, int]] = [(0.0, high)] * (high - low + 1)
        for start in range(high - 1, low - 1, -1):
            options = []
            for end in range(start + 1, min(high, start + _LONGEST_WORD) + 1):
                word = view[start:end]
                found = counts.get(word)  # read directly: this loop runs per hit and span
                count = int(found) if found is not None else 0
                if word in terms and count < TERM_COUNT:
                    count = TERM_COUNT
                elif word == guess and count < GUESS_COUNT:
                    count = GUESS_COUNT
                if end - start == 1 and count < 1:
                    count = 1
                if count:
                    score = math.log(count) - log_total + best[end - low][0]
                    options.append((score, end))
            best[start - low] = max(options)
        start = low
        while start < high:
            end = best[start - low][1]
            if end - start > 1 and (start < first < end or start < last < end):
                return True
            start = end
        return False

    def _in_word(
        self,
        view: str,
        first: int,
        last: int,
        min_count: int,
        *,
        straddling: bool,
        own: str = "",
    ) -> bool:
        return self._remembered(
            view,
            ("word", first, last, min_count, straddling, own),
            lambda: self._held_in_word(view, first, last, min_count, straddling, own),
        )

    def _held_in_word(
        self, view: str, first: int, last: int, min_count: int, straddling: bool, own: str
    ) -> bool:
        """Whether a dictionary word other than the hit holds ``view[first:last]`` (or, with
        ``straddling``, crosses one of its edges or makes up most of it: 高级的 for 搞基的,
        but not 佳人 in 打给你佳人). A word counts from ``min_count`` (at least 1). ``own``:
        the term as written, when a word inside the hit typed as the term writes it there is
        part of the term, not another word."""
        counts = self._dictionary.counts()
        lowest = max(0, first - _MAX_EXTRA_CHARS)
        highest = min(len(view), last + _MAX_EXTRA_CHARS)
        for start in range(lowest, last if straddling else first + 1):
            ends = range(max(start + 2, first + 1) if straddling else last, highest + 1)
            for end in ends:
                inside = first <= start and end <= last
                if (start, end) == (first, last) or (inside and 2 * (end - start) <= last - first):
                    continue
                if inside and own and view[start:end] == own[start - first : end - first]:
                    continue
                word = view[start:end]
                # the dictionary first: most stretches are no word, and it is a dict lookup
                found = counts.get(word)
                if (
                    found is not None
                    and int(found) >= min_count
                    and word not in self._terms
                    and _HANZI.fullmatch(word)
                ):
                    return True
        return False
