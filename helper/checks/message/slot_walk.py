"""Slot patterns matched from the places of their words, without RE2 (ninth wave).

A slot pattern made of word lists and gaps (helper.slots) compiles to an RE2 source such as
``(?:你|您)(?s:.){0,24}(?:差评|投诉)``. On a text it has not seen, RE2's lazy DFA builds new
states at almost every byte for such a gap after a common word (each arrangement of 你 within
the gap is a state), and its memory budget runs out and is reset again and again: a few such
patterns cost hundreds of microseconds each per 500 characters (docs/message-checks.md,
"Ninth wave: check path"). Yet the one Aho–Corasick scan the slot matcher runs anyway already
knows where every slot word starts. ``Walk`` finds the same matches from those places:

- a match starts where a word of its first token starts (or of an optional token before it,
  touching it), so only those places are tried, in order;
- from a place, the steps are tried in the order RE2 prefers them (leftmost-first, as Perl):
  a token's words longest first (its alternation is written longest first, and at one place
  two of its words differ in length), an optional token taken before it is skipped, a gap
  longest first, landing only where the next step can begin;
- the first place that gives a match gives RE2's leftmost match, and the one RE2 prefers
  there; the search goes on after its end, as ``re2_direct.spans`` does;
- a place is tried only if the pattern's rarest required token, and its last, have a word
  where their steps can begin from there (a necessary condition: it rules out no match).

What can be asked of a step at a place depends on the place only, not on how the walk got
there (no captures, no back-references), so a failed step is remembered for the rest of the
pattern's walk over the view.
A pattern that names a pattern slot (an RE2 regex in ``[slots]``) still runs on RE2.
tests/test_slot_walk.py compares both on every shipped pattern, and tests/test_slots_prefilter.py
compares the matcher with RE2 reading every pattern over the whole view.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import chain

# A step as the walk reads it: (is_gap, token or size, optional or crosses_breaks).
WalkStep = tuple[bool, int, bool]


class Places:
    """Where each slot word starts in one view (from the word automaton's hits), asked by
    token: a token's places in order; and the words starting at one place (``_at``, read by
    ``Walk._from`` directly)."""

    __slots__ = (
        "_any",
        "_at",
        "_breaks",
        "_places",
        "_seen",
        "_starts",
        "_token_words",
        "size",
        "text",
    )

    def __init__(
        self,
        text: str,
        hits: Sequence[tuple[int, int]],
        word_lengths: Sequence[int],
        token_words: Sequence[frozenset[int]],
        breaks: str,
    ) -> None:
        self.text = text
        self.size = len(text)
        self._token_words = token_words
        self._breaks = breaks
        # place -> words starting there, shortest first (the automaton reports by end)
        at: dict[int, list[int]] = {}
        # word -> its places, in order
        starts: dict[int, list[int]] = {}
        for end, word in hits:
            start = end + 1 - word_lengths[word]
            found = at.get(start)
            if found is None:
                at[start] = [word]
            else:
                found.append(word)
            found = starts.get(word)
            if found is None:
                starts[word] = [start]
            else:
                found.append(start)
        self._at = at
        self._starts = starts
        # the words seen, as a set: a token's words are intersected with it (a set
        # intersection walks the smaller side; with the dict it walked every word seen)
        self._seen = frozenset(starts)
        self._places: dict[int, list[int]] = {}
        self._any: dict[tuple[int, ...], list[int]] = {}

    def of(self, token: int) -> list[int]:
        """Where a word of ``token`` starts, in order."""
        found = self._places.get(token)
        if found is None:
            starts = self._starts
            words = self._token_words[token] & self._seen
            if len(words) == 1:
                found = starts[next(iter(words))]
            else:  # gathered at C level: a token's words are many, a view's places hundreds
                found = sorted(set(chain.from_iterable(map(starts.__getitem__, words))))
            self._places[token] = found
        return found

    def of_any(self, tokens: tuple[int, ...]) -> list[int]:
        """Where a word of any of ``tokens`` starts, in order."""
        # one lookup on the walk's hot path, for one token too (a walk asks it at every gap)
        found = self._any.get(tokens)
        if found is None:
            if len(tokens) == 1:
                found = self._any[tokens] = self.of(tokens[0])
            else:
                found = self._any[tokens] = sorted(
                    set(chain.from_iterable(map(self.of, tokens)))
                )
        return found

    def clause_end(self, at: int, end: int) -> int:
        """Where the first clause break at or after ``at`` and before ``end`` stands (``end``
        if none): a gap reads only its own length, not the rest of the view, for each break."""
        text = self.text
        for char in self._breaks:
            found = text.find(char, at, end)
            if found >= 0:
                end = found
        return end


class Walk:
    """One slot pattern (or ``unless`` pattern) as steps over token ids."""

    __slots__ = (
        "_bounds",
        "_count",
        "_firsts",
        "_lengths",
        "_rare",
        "_steps",
        "_stride",
        "_width",
    )

    def __init__(
        self,
        steps: Sequence[WalkStep],
        token_widths: Sequence[tuple[int, int]],
        word_lengths: Sequence[int],
        rarity: Callable[[int], object],
    ) -> None:
        """``token_widths``: each token's shortest and longest word; ``rarity``: a key that
        orders tokens from the rarest (which bounds where a match can start)."""
        self._steps = tuple(steps)
        self._lengths = word_lengths
        # a (step, place) pair as one number for the failures remembered: place * stride + step
        self._count = len(self._steps)
        self._stride = self._count + 1
        # per step: the tokens a word of which must start where the walk lands on it, or
        # None (it may land anywhere: a gap, or the end, may come first)
        self._firsts: list[tuple[int, ...] | None] = [None] * (len(self._steps) + 1)
        for index in range(len(self._steps) - 1, -1, -1):
            is_gap, value, optional = self._steps[index]
            if is_gap:
                continue
            rest = self._firsts[index + 1]
            if not optional:
                self._firsts[index] = (value,)
            elif rest is not None:
                self._firsts[index] = (value, *rest)
        # the rarest required token and the last, and how far after a match's start their
        # steps begin (the last bounds a run of touching tokens whose first is the rarest)
        low = high = 0
        bounds: list[tuple[object, int, int, int]] = []
        for is_gap, value, optional in self._steps:
            if is_gap:
                high += value
                continue
            shortest, longest = token_widths[value]
            if not optional:
                bounds.append((rarity(value), value, low, high))
                low += shortest
            high += longest
        # the widest match: a walk from a place reads no unit at or past place + width
        self._width = high
        rarest = min(bounds, key=lambda b: b[0])
        last = bounds[-1]
        self._bounds = (rarest[1:],) if last is rarest or last[3] == 0 else (rarest[1:], last[1:])
        self._rare = rarest[1]

    def spans(
        self, places: Places, near: Sequence[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int]]:
        """The character spans of the pattern's matches in the view, in order: those of
        ``re2_direct.spans`` on the pattern's RE2 source.

        ``near``: stretches of the view, in order, such that every match starts fewer than
        the widest match's width before the end of one of them. The walk then tries only
        those starts (a walk from a place reads nothing at or past place + width, so a match
        elsewhere would be one of a view the caller knows to hold none: a respelled view
        copies its pattern view but for the words it wrote, see ``SlotMatcher.find``)."""
        of = places.of
        if not of(self._rare):
            return
        first = self._firsts[0]
        starts: Sequence[int] = places.of_any(first) if first is not None else range(places.size)
        if near is not None:
            starts = self._near(starts, near)
            if not starts:
                return
        bounds = [(of(token), low, high) for token, low, high in self._bounds]
        failed: set[int] = set()
        at = 0
        count = len(starts)
        while at < count:
            start = starts[at]
            for words, low, high in bounds:
                # the token's first word that can still stand in a match from here
                found = bisect_left(words, start + low)
                if found == len(words):
                    return  # later starts need a later word
                if words[found] > start + high:  # skip to the starts that can reach it
                    at = bisect_left(starts, words[found] - high, at + 1)
                    break
            else:
                end = self._from(0, start, places, failed)
                if end is None:
                    at += 1
                else:
                    yield (start, end)
                    at = bisect_left(starts, end, at + 1)

    def _near(self, starts: Sequence[int], near: Sequence[tuple[int, int]]) -> list[int]:
        """The ``starts`` from which a walk reads a unit of one of the ``near`` stretches."""
        width = self._width
        kept: list[int] = []
        done = 0  # starts up to here are taken (the stretches are in order)
        for start, end in near:
            low = max(bisect_left(starts, start - width), done)
            high = bisect_left(starts, end)
            if high > low:
                kept.extend(starts[low:high])
                done = high
        return kept

    def _from(self, index: int, at: int, places: Places, failed: set[int]) -> int | None:
        """Where the match that steps ``index`` onwards make from ``at`` ends, trying the ways
        in the order RE2 prefers; None when there is none. ``failed`` holds the (step, place)
        pairs known to fail (the answer depends on them alone)."""
        if index == self._count:
            return at
        key = at * self._stride + index
        if key in failed:
            return None
        is_gap, value, flag = self._steps[index]
        if not is_gap:
            # the token's words that start here, longest first (the automaton reports the
            # words of one start shortest first)
            here = places._at.get(at)
            if here is not None:
                words = places._token_words[value]
                lengths = self._lengths
                for word in reversed(here):
                    if word in words:
                        end = self._from(index + 1, at + lengths[word], places, failed)
                        if end is not None:
                            return end
            if flag:  # optional: then without it
                end = self._from(index + 1, at, places, failed)
                if end is not None:
                    return end
        else:
            high = at + value
            if high > places.size:
                high = places.size
            if not flag:  # the gap may not cross a clause break
                high = places.clause_end(at, high)
            landing = self._firsts[index + 1]
            if landing is None:
                for land in range(high, at - 1, -1):
                    end = self._from(index + 1, land, places, failed)
                    if end is not None:
                        return end
            else:
                own = places.of_any(landing)
                low = bisect_left(own, at)
                for place in range(bisect_right(own, high, low) - 1, low - 1, -1):
                    end = self._from(index + 1, own[place], places, failed)
                    if end is not None:
                        return end
        failed.add(key)
        return None
