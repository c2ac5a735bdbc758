"""Which parts of a long message may rescue a gated rule's match (nineteenth wave,
docs/message-checks.md "Nineteenth wave, gate branch").

The learned gate (engine ``_Gate``) lets a match of a rule with ``learned_at_least`` stand where
a run of whole clauses that the match touches scores above the rule's bar, even when the whole
message scores below it. A part that holds only the listener and a place (您家门口, 拍照) can score
above the bar on its own; a rule's ``learned_parts_need`` (slot class names, in the rule file)
asks that a part hold a word of one of those classes (the rule's menace evidence) before its score
may count. The whole message's score is never affected: this decides only which parts are read.
"""

from __future__ import annotations

import ahocorasick

from helper.checks.message.normalise import Normalised, Normaliser
from helper.checks.message.rules import Rule, RuleBook

Span = tuple[int, int]


class PartEvidence:
    """The words of each rule's ``learned_parts_need`` classes, written as the normaliser
    writes the text (slot words are matched on the normalised view), one automaton per rule
    that names classes, made on first need."""

    def __init__(self, book: RuleBook, normaliser: Normaliser) -> None:
        self._slots = book.slots
        self._normaliser = normaliser
        self._automata: dict[tuple[str, ...], ahocorasick.Automaton | None] = {}

    def _automaton(self, classes: tuple[str, ...]) -> ahocorasick.Automaton | None:
        if classes in self._automata:
            return self._automata[classes]
        words = {
            self._normaliser.views(word).view
            for name in classes
            for word in self._slots.get(name, ())
            if isinstance(self._slots.get(name), tuple)
        }
        words.discard("")
        automaton = None
        if words:
            automaton = ahocorasick.Automaton()
            for word in words:
                automaton.add_word(word, len(word))
            automaton.make_automaton()
        self._automata[classes] = automaton
        return automaton

    def spans(self, rule: Rule, text: Normalised) -> list[Span] | None:
        """The spans (code points as typed) of the words of the rule's classes in ``text``;
        None for a rule that names no class (any part it touches may rescue its match)."""
        if not rule.learned_parts_need:
            return None
        automaton = self._automaton(rule.learned_parts_need)
        if automaton is None:
            return []
        view = text.view
        return [
            text.cp_span_of_view(end + 1 - length, end + 1) for end, length in automaton.iter(view)
        ]


def part_may_rescue(found: list[Span] | None, start: int, end: int) -> bool:
    """Whether the part ``start:end`` of the text as typed may let a rule's match stand, given
    the spans of the rule's evidence words (``PartEvidence.spans``): the rule names no class
    (None), or a word of one lies wholly inside the part."""
    return found is None or any(start <= s and e <= end for s, e in found)
