"""The lexicon: every term of every rule, every context word and every exception phrase, in two
Aho–Corasick automata: sound-alike and ASCII terms over the key view, terms matched as written
(exact terms, context words, exception phrases) over the pattern view (see ``normalise``).

All spelling variants are generated here, once, at load time: the homophone form (any
characters with the same toneless pinyin), full pinyin (``shabi``), initials (``sb`` for terms
of three or more characters, ``cnm``), mixed forms (``傻B``, ``sha逼``) and digit look-alikes
(``nm4l``, ``2b``). A check then does one automaton scan and no per-term work.
"""

from __future__ import annotations

import itertools
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from enum import IntEnum
from typing import NamedTuple

import ahocorasick

from helper.checks.message.lexicon_entry import CONTEXT, RULE, Entry, Kind, Term
from helper.checks.message.lexicon_kept import KeptLexicons, Made
from helper.checks.message.normalise import (
    BREAK,
    Normalised,
    Normaliser,
    Views,
    collapse_repeats,
    syllables,
)
from helper.checks.message.spellings import SpellingCache
from helper.checks.message.words import Dictionary, WordGate, shared_dictionary

# Mixed forms multiply per character: every mix up to this length; longer terms get the forms
# with a few characters respelled (see ``_combinations``).
_MIXED_MAX_CHARS = 2
_MIXED_ASCII_MAX_CHARS = 4  # up to this length, initials mixed with digits (nm4l)
# Readings per character used for variants: the common one and one more (曝光 bao, 了 liao);
# rarer readings only add keys that ordinary text hits by accident.
_READINGS_PER_CHAR = 2
_RARE_READING_MIN_CHARS = 3
# Initials alone are too short to be safe for one- and two-character terms (``tm`` would hit
# ™); those are listed explicitly in the rules when they are real slang (``sb``, ``2b``).
_INITIALS_MIN_CHARS = 3
# Letters and the digits that imitate them, for ASCII terms (``5b`` for ``sb``).
# (b → 8 is left out: ``S8`` is a model name far more often than an insult.)
_DIGIT_FOR_LETTER = {"o": "0", "i": "1", "l": "1", "z": "2", "e": "3", "a": "4", "s": "5"}
# What a key of the automaton says about a message that holds it (_Automata): a rule term
# that counts alone, one that needs a word nearby, such a word.
_ALONE, _AIMED, _NEARBY = 1, 2, 4
# A key's value in the automaton: its length, its own entries, its context words' entries.
_Value = tuple[int, Sequence[Entry], tuple[Entry, ...]]


class Hit(NamedTuple):
    """One key found in a message (a tuple: a draft with findings builds several per check)."""

    entry: Entry
    start: int  # code points in the original text
    end: int
    key: str  # the key-view text that matched


class Scan(NamedTuple):
    """What one automaton pass over a message found."""

    hits: list[Hit]  # rule terms and exception phrases
    # ASCII words seen inside codes (``SB-200``): a hit on the same word elsewhere in the
    # message refers to that code (``SB是Sound Bar的缩写``), not the buyer
    in_codes: set[str]
    # context words, read only if a rule that needs them hit: (span, key, entries)
    pending: list[tuple[tuple[int, int], str, tuple[Entry, ...]]]


def _add_hits(hits: list[Hit], span: tuple[int, int], key: str, entries: Sequence[Entry]) -> None:
    for entry in entries:
        hits.append(Hit(entry, span[0], span[1], key))


class Lexicon:
    def __init__(
        self,
        normaliser: Normaliser,
        digit_syllables: Mapping[str, str],
        dictionary: Dictionary | None = None,
        spellings: SpellingCache | None = None,
        kept: KeptLexicons | None = None,
        units: Collection[str] = (),
    ) -> None:
        self._normaliser = normaliser
        self._units = units
        # sound-alike spellings kept from an earlier load (spellings.py)
        self._spellings = spellings
        # whole lexicons kept from an earlier load (lexicon_kept.py; read by ``add_all``)
        self._kept = kept
        self._sounds = _Automata(checked_apart=False)  # over the key view
        self._literals = _Automata(checked_apart=True)  # over the pattern view
        # syllable spelling → the digit that sounds like it (四 → 4)
        self._digit_for_syllable = {syl: digit for digit, syl in digit_syllables.items()}
        self._written_terms: set[str] = set()
        # (rule, term as written) of short sound-alike lexicon terms: their homophones count
        # half-respelled only (a rule's own 傻逼 still matches 煞笔)
        self._half_respelled: set[tuple[str, str]] = set()
        # (rule, term as written) of lexicon terms without sound-alikes: a respelling passes a
        # stricter gate (see ``_real``)
        self._exact_respelled: set[tuple[str, str]] = set()
        # the terms asked of the spellings cache, in order (kept with the lexicon: see add_all)
        self._spelled_terms: list[str] = []
        self._dictionary = dictionary
        self._gate: WordGate | None = None

    def add_all(self, terms: Sequence[Term]) -> list[int]:
        """``add`` every term, in order; returns each one's key count. With kept lexicons, the
        keys and entries of the same terms are read back instead of made."""
        if self._kept is not None:
            made = self._kept.made(terms)
            if made is not None:
                self._sounds.entries = made.sounds
                self._literals.entries = made.literals
                self._written_terms = made.written_terms
                self._half_respelled = made.half_respelled
                self._exact_respelled = made.exact_respelled
                if self._spellings is not None:
                    self._spellings.used(made.spelled)
                return made.counts
        counts = [
            self.add(
                term.kind,
                term.owner,
                term.term,
                sounds_alike=term.sounds_alike,
                letters_only_below=term.letters_only_below,
                respelled_from=term.respelled_from,
            )
            for term in terms
        ]
        if self._kept is not None:
            self._kept.keep(
                terms,
                Made(
                    counts,
                    self._sounds.entries,
                    self._literals.entries,
                    self._written_terms,
                    self._half_respelled,
                    self._exact_respelled,
                    self._spelled_terms,
                ),
            )
        return counts

    def add(
        self,
        kind: Kind,
        owner: str,
        term: str,
        *,
        sounds_alike: bool,
        letters_only_below: int = 0,
        respelled_from: int = 0,
    ) -> int:
        """Add a term; returns how many keys it produced (0: the term folds to nothing).

        A sound-alike term shorter than ``letters_only_below`` characters matches homophone
        characters only with one of its characters as written (抢奸 for 强奸, 恶新 for 恶心):
        both respelled, two syllables are too often an ordinary phrase (尼哥 and 你个, 人妖 and
        人要); its spellings in letters (傻B, sha逼) count as for any term.

        ``respelled_from``: a term that is not a sound-alike term (``sounds_alike`` false) of at
        least this many characters (0: none) is still matched in sound-alike spellings (很饿心,
        恨鄂信 for 很恶心), through a stricter real-word gate (``_real``); a term with a
        repeated sound (渣渣) stays exact, as its key would be one syllable."""
        # the two views are all a term needs (no offsets: it is never mapped back)
        normalised = self._normaliser.views(term)
        if not normalised.keys:
            return 0
        written = normalised.view.replace(BREAK, "")
        if kind is Kind.RULE:
            self._written_terms.add(written)
        if normalised.keys.isascii():
            # ASCII terms (sb, cnm) are whole words with look-alike digits (5b); the word
            # boundary check is what keeps them exact.
            entry = Entry(kind, owner, term, written)
            return self._sounds.put(entry, _ascii_variants(normalised.keys))
        as_written = Entry(kind, owner, term, written)
        if not sounds_alike:
            exact = self._literals.put(as_written, {written})
            if (
                not respelled_from
                or len(written) < max(respelled_from, 2)
                or len(collapse_repeats(normalised.keys)) < len(written)
            ):
                return exact
            self._exact_respelled.add((owner, written))
            return exact + self._sounds.put(as_written, self._spelled(normalised))
        keys = self._spelled(normalised)
        if len(written) >= letters_only_below:
            return self._sounds.put(Entry(kind, owner, term, written), keys)
        self._half_respelled.add((owner, written))
        exact = self._literals.put(as_written, {written})
        return exact + self._sounds.put(Entry(kind, owner, term, written), keys)

    def build(self, aimed: set[str], *, quick_checks: bool = True) -> None:
        """``aimed``: the ids of rules whose terms count only with a context word nearby.
        ``quick_checks=False``: a lexicon only scanned (never asked ``may_hit_rule`` or
        ``may_hold_aimed``) skips building the small automata those read."""
        self._gate = WordGate(
            self._dictionary or shared_dictionary(), self._written_terms, self._units
        )
        self._sounds.build(aimed, quick_checks=quick_checks)
        self._literals.build(aimed, quick_checks=quick_checks)

    @property
    def size(self) -> int:
        return self._sounds.size + self._literals.size

    def may_hit_rule(self, view: str, keys: str) -> bool:
        """Whether the two views can hold a rule hit that stands: a term that counts alone, or
        a term that needs a nearby word together with such a word. False means no finding can
        come from the lexicon. C-level scans that stop at the first key found."""
        literals, sounds = self._literals, self._sounds
        if literals.holds_alone(view) or sounds.holds_alone(keys):
            return True
        aimed = literals.holds_aimed(view) or sounds.holds_aimed(keys)
        return aimed and (literals.holds_nearby(view) or sounds.holds_nearby(keys))

    def may_hold_aimed(self, view: str, keys: str) -> bool:
        """Whether a term that needs a nearby word occurs, with or without that word (the
        learned scorer may confirm such a term; see CompiledRules.find)."""
        return self._literals.holds_aimed(view) or self._sounds.holds_aimed(keys)

    def sounded_unwritten(self, keys: str, view: str) -> bool:
        """Whether a term's sound-alike key occurs in a key view more often than the term is
        written as itself in the pattern view (看不起 written once and respelled once:
        看不起…我就是看不器黑人). Stops at the first such term."""
        heard: Counter[str] = Counter()
        written_times: dict[str, int] = {}
        for _, (_, entries, _) in self._sounds.iter(keys):
            for entry in entries:
                written = entry.written
                heard[written] += 1
                times = written_times.get(written)
                if times is None:
                    times = written_times[written] = view.count(written)
                if heard[written] > times:
                    return True
        return False

    def scan(self, text: Normalised) -> Scan:
        """Rule and exception hits; context words are kept unread until ``contexts`` asks."""
        found = Scan([], set(), [])
        hits, pending = found.hits, found.pending
        # offsets read from the maps directly (cp_span_of_keys / cp_span_of_view inlined:
        # a long message has hundreds of hits, most of them context words)
        keys, starts, ends = text.keys, text.key_start, text.key_end
        for last, (length, entries, contexts) in self._sounds.iter(keys):
            start = last + 1 - length
            edges_ascii = keys[start].isascii() or keys[last].isascii()
            if edges_ascii and not text.ascii_bounded(start, last + 1):
                if entries and text.in_code(start, last + 1):
                    found.in_codes.add(keys[start : last + 1])
                continue
            span = (starts[start], ends[last])
            if edges_ascii and _folds_to_several(text.original[span[0] : span[1]]):
                continue  # ™ is not "tm", ℡ is not "tel"
            key = keys[start : last + 1]
            if contexts:
                pending.append((span, key, contexts))
            for entry in entries:
                if span[1] - span[0] > len(entry.written):
                    hits.append(Hit(entry, *_as_typed(text, span, entry.written), key))
                else:
                    hits.append(Hit(entry, span[0], span[1], key))
        view, starts, ends = text.view, text.view_start, text.view_end
        for last, (length, entries, contexts) in self._literals.iter(view):
            start = last + 1 - length
            if start and view[start - 1] == view[start]:
                continue  # inside a run of one character: 妈妈的 is not 妈的
            span = (starts[start], ends[last])
            key = view[start : last + 1]
            if contexts:
                pending.append((span, key, contexts))
            for entry in entries:  # most hits over the view are context words alone (你, 我)
                hits.append(Hit(entry, span[0], span[1], key))
        return found

    def contexts(self, found: Scan, wanted: set[str]) -> list[Hit]:
        """Hits of the ``wanted`` context words, from a scan of a message."""
        hits: list[Hit] = []
        for span, key, entries in found.pending:
            _add_hits(hits, span, key, [entry for entry in entries if entry.owner in wanted])
        return hits

    def respelled_in_hanzi(self, text: Normalised, hit: Hit) -> bool:
        """Whether a hit was read through other Chinese characters than the term's own (狗狗比
        for 狗逼): such a reading may be an ordinary phrase. Pinyin, initials and mixed forms
        (shabi, sb, 傻B) are typed on purpose and are no such guess."""
        first = bisect_left(text.view_start, hit.start)
        last = bisect_left(text.view_start, hit.end)
        typed = text.view[first:last]
        # typed as the term's own characters repeated (傻傻傻逼), or with anything between them
        # (沙\u200b比, 傻.逼): a disguise on purpose, no guess
        return (
            len(typed) == hit.end - hit.start
            and all("\u3400" <= ch <= "\u9fff" for ch in typed)
            and not set(typed) <= set(hit.entry.written)
        )

    def real(self, text: Normalised, hit: Hit, *, in_context: bool = False) -> bool:
        """Whether a rule term's hit stands for the term, not for an everyday word (the
        real-word gate, ``words.WordGate``)."""
        return self._real(text, (hit.start, hit.end), hit.entry, in_context)

    def _real(
        self, text: Normalised, span: tuple[int, int], entry: Entry, in_context: bool
    ) -> bool:
        """Whether a rule term's hit stands for the term, not for an everyday word."""
        assert self._gate is not None  # build() ran
        first = bisect_left(text.view_start, span[0])
        last = bisect_left(text.view_start, span[1])
        if text.view.startswith(entry.written, first):
            # as written, with a repeated sound after it (寿衣已经: 衣已 are one key)
            last = first + len(entry.written)
        elif _lost_a_syllable(text.view[first:last], entry.written):
            return False
        elif (entry.owner, entry.written) in self._half_respelled:
            typed = text.view[first:last]
            # two characters respelled both (你个 for 尼哥), a letter beside a character that is
            # not the term's (过N for 蝈蝻, N个 for 尼哥), or one into a word the dictionary
            # knows at all (弱质 15, 懒人 16: two characters are a word or nothing)
            if (
                _all_respelled(typed, entry.written)
                or _respelled_beside_letters(typed, entry.written)
                or self._gate.is_word(typed)
            ):
                return False
        elif (entry.owner, entry.written) in self._exact_respelled:
            # an everyday word's respelling (恨鄂信 for 很恶心) counts only typed as no word of
            # the dictionary at all and not running into a word (福建人 is not 贱人), whatever
            # the words nearby
            typed = text.view[first:last]
            if self._gate.is_word(typed) or (
                len(entry.written) == 2
                and not self._gate.pair_respelling(typed, entry.written)
                and not self._spelled_out_alone(text.view, first, last, entry.written)
            ):
                return False
            in_context = False
        return self._gate.counts(text.view, first, last, entry.written, in_context=in_context)

    def _spelled_out_alone(self, view: str, first: int, last: int, written: str) -> bool:
        """Whether a two-character word is typed with one character spelled out in letters
        (``_one_spelled_out``) and its kept character does not run into an everyday word
        beside it (Ben蛋糕 is a cake, not 笨蛋)."""
        typed = view[first:last]
        if not _one_spelled_out(typed, written):
            return False
        beside = (
            view[max(first - 1, 0) : first + 1]
            if typed[0] == written[0]
            else view[last - 1 : last + 1]
        )
        return not (len(beside) == 2 and self._gate.is_word(beside))

    def _spelled(self, normalised: Views) -> set[str]:
        """A term's sound-alike spellings, from the spelling cache when there is one."""
        if self._spellings is None:
            return self._variants(normalised)
        self._spelled_terms.append(normalised.view)
        return self._spellings.spellings(normalised.view, lambda: self._variants(normalised))

    def _variants(self, normalised: Views) -> set[str]:
        """Every spelling a sound-alike term is matched in (as key strings)."""
        table = syllables()
        # Every character as written (天天 stays two: its pinyin is tiantian), keyed by each
        # of its readings (曝 is pu alone, bao in 曝光); repeats collapse at the end.
        units = normalised.view.replace(BREAK, "")
        # a rarer reading only with the context of a longer term (位 can read li: 灵位 must
        # not match 零利)
        per_char = _READINGS_PER_CHAR if len(units) >= _RARE_READING_MIN_CHARS else 1
        options: list[list[tuple[Part, str]]] = []
        for unit in units:
            readings = table.keys_of_char.get(unit, ())[:per_char]
            if not readings:  # a letter or digit in the term itself
                options.append([(_AS_TYPED, unit)])
                continue
            choices: list[tuple[Part, str]] = []
            for rank, key in enumerate(readings):
                spelled = table.spelling_of_key[key]
                choices += [(_CHARACTER, key), (_SPELLED, spelled)]
                if rank == 0:
                    choices.append((_INITIAL, spelled[0]))
                    digit = self._digit_for_syllable.get(spelled)
                    if digit:
                        choices.append((_DIGIT, digit))
            options.append(list(dict.fromkeys(choices)))
        if all(choice[0][0] is _AS_TYPED for choice in options):
            return {normalised.keys}  # letters with no sound to vary (a Cyrillic word)
        combos = _combinations(options)
        joined = {
            "".join([text for _, text in combo])
            for combo in combos
            if _acceptable(combo) and not _merges(units, combo)
        }
        variants = {collapse_repeats(spelling) for spelling in joined}
        variants.discard("")
        return variants


class _Automata:
    """One Aho–Corasick automaton over every key, and what each key says about whether a
    message can have a finding at all: a rule term that counts alone, a rule term that needs
    a word nearby (a target, an act), or such a word. A message holding none of the first,
    and not both of the others, has no findings whatever else it holds."""

    def __init__(self, *, checked_apart: bool) -> None:
        """``checked_apart``: the quick checks scan small automata of their own (C-level,
        stopping at the first key): for a view whose keys are few and hit in every reply (the
        pattern view's 1,800 keys hold 你 and 我). Otherwise they read the classes of the hits
        of the one automaton: for a view whose keys are many and rarely hit (the key view's
        38,000, a quarter of a hit per reply), where three more automata cost a third of
        building the lexicon at every load (34,000 of those keys stand alone)."""
        # key → entries; what ``put`` files (lists) and ``Lexicon.add_all`` keeps or reads
        # back (tuples)
        self.entries: dict[str, Sequence[Entry]] = {}
        self._all = ahocorasick.Automaton()
        # class → the automaton of its keys (checked apart), or id of a key's value in
        # ``_all`` → its class bits (keys without any are left out)
        self._apart: dict[int, ahocorasick.Automaton] | None = (
            {kind: ahocorasick.Automaton() for kind in (_ALONE, _AIMED, _NEARBY)}
            if checked_apart
            else None
        )
        self._classes: dict[int, int] = {}

    def put(self, entry: Entry, keys: set[str]) -> int:
        for key in keys:  # lists of its own: a kept lexicon (tuples) is never added to
            self.entries.setdefault(key, []).append(entry)  # type: ignore[attr-defined]
        return len(keys)

    def build(self, aimed: set[str], *, quick_checks: bool = True) -> None:
        """``aimed``: the rules whose terms count only with a context word nearby;
        ``quick_checks=False`` leaves every key without a class (``holds_*`` never true)."""
        # one pass over each key's entries (30,000 keys at every load); methods bound once
        add = self._all.add_word
        classes: dict[int, int] = {}
        apart: list[tuple[str, int]] = []  # (key, class bits) for the automata apart
        by_value = self._apart is None
        for key, entries in self.entries.items():
            if len(entries) == 1 and entries[0].kind is not CONTEXT:
                # most keys: one spelling of one term (the general case below, made short)
                # its list of one entry is the value's own entries (a tuple of its own for
                # each of 55,000 keys was a tenth of the objects the collector walks after load)
                entry = entries[0]
                value: _Value = (len(key), entries, ())
                add(key, value)
                if entry.kind is RULE:
                    found = _AIMED if entry.owner in aimed else _ALONE
                    if by_value:
                        classes[id(value)] = found
                    else:
                        apart.append((key, found))
                continue
            own: list[Entry] = []
            contexts: list[Entry] = []
            found = 0
            for entry in entries:
                if entry.kind is CONTEXT:
                    contexts.append(entry)
                    found |= _NEARBY
                    continue
                own.append(entry)
                if entry.kind is RULE:
                    found |= _AIMED if entry.owner in aimed else _ALONE
            # pyahocorasick reports where a key ends and its value, so the value carries the
            # key's length; context words come apart, as they are read only when needed.
            value = (len(key), tuple(own), tuple(contexts))
            add(key, value)
            if found and by_value:
                classes[id(value)] = found
            elif found:
                apart.append((key, found))
        if len(self._all):
            self._all.make_automaton()
        if not quick_checks:
            return
        self._classes = classes  # the values stay alive in ``_all``, so do their ids
        if self._apart is not None:
            for key, found in apart:
                for kind, automaton in self._apart.items():
                    if found & kind:
                        automaton.add_word(key, None)
            for automaton in self._apart.values():
                if len(automaton):
                    automaton.make_automaton()

    @property
    def size(self) -> int:
        return len(self.entries)

    def holds_alone(self, text: str) -> bool:
        return self._holds(text, _ALONE)

    def holds_aimed(self, text: str) -> bool:
        return self._holds(text, _AIMED)

    def holds_nearby(self, text: str) -> bool:
        return self._holds(text, _NEARBY)

    def _holds(self, text: str, wanted: int) -> bool:
        """Whether a key of class ``wanted`` occurs in ``text`` (stops at the first)."""
        if self._apart is not None:
            automaton = self._apart[wanted]
            return bool(len(automaton)) and next(automaton.iter(text), None) is not None
        classes = self._classes
        if not classes:
            return False
        get = classes.get
        return any(get(id(value), 0) & wanted for _, value in self._all.iter(text))

    def iter(self, text: str) -> Iterator[tuple[int, _Value]]:
        return self._all.iter(text) if self.entries else iter(())


class Part(IntEnum):
    """How one character of a term is written in a variant."""

    AS_TYPED = 0  # a letter or digit that is in the term itself
    CHARACTER = 1  # any character with that sound
    SPELLED = 2  # its pinyin
    INITIAL = 3  # the first letter of its pinyin
    DIGIT = 4  # a digit that sounds like it


# The members as module names for the spelling generator, which checks every combination of
# every term when the cache is empty (~70,000): reading a member through its class
# (``Part.INITIAL``) costs ~0.3 µs in Python 3.11, a module name ~0.02 µs.
_AS_TYPED, _CHARACTER, _SPELLED, _INITIAL, _DIGIT = (
    Part.AS_TYPED,
    Part.CHARACTER,
    Part.SPELLED,
    Part.INITIAL,
    Part.DIGIT,
)


Choice = tuple[Part, str]


def _all_respelled(typed: str, written: str) -> bool:
    """Whether every character of a hit typed in Chinese characters differs from the term's
    (你个 for 尼哥); letters and digits (傻B) are not respellings in characters."""
    return all("\u3400" <= a <= "\u9fff" and a != b for a, b in zip(typed, written, strict=False))


def _lost_a_syllable(typed: str, written: str) -> bool:
    """Whether a respelling in Chinese characters is shorter than the term: the key view
    collapses a repeated sound, so 娇吧 reads like 叫爸爸 and 叫野 like 叫爷爷; a disguise
    repeats characters (傻傻逼), it does not drop one of the term's."""
    return len(typed) < len(written) and all("\u3400" <= ch <= "\u9fff" for ch in typed)


def _one_spelled_out(typed: str, written: str) -> bool:
    """Whether a two-character word is typed with one of its characters as written and the
    other spelled out in pinyin letters (ben蛋, lan货 for 笨蛋, 烂货): letters are typed on
    purpose, no guess at a homophone. The key view already matched the letters as the
    other character's syllable; a lone initial (b蛋) is too short to be one."""
    if typed.startswith(written[0]):
        letters = typed[1:]
    elif typed.endswith(written[-1]):
        letters = typed[:-1]
    else:
        return False
    return len(letters) >= 2 and letters.isascii() and letters.isalpha()


def _respelled_beside_letters(typed: str, written: str) -> bool:
    """Whether a hit mixes letters or digits with a character that is not the term's own
    (过N for 蝈蝻): a letter may stand for a syllable beside the term's own character (傻B),
    not beside an everyday one."""
    return any(ch.isascii() for ch in typed) and any(
        "\u3400" <= a <= "\u9fff" and a != b for a, b in zip(typed, written, strict=False)
    )


def _combinations(options: list[list[Choice]]) -> Iterator[tuple[Choice, ...]]:
    """The spellings of a term, one choice per character. Short terms get every mix (傻B,
    sha逼); longer ones the forms people type: one character respelled in any way (受衣), one
    two-character word in letters (你给我deng zhe, 半ye打给你), all spelled out or all
    initials, and up to four characters initials mixed with digits (nmsl, nm4l). Every mix of a long
    phrase would be thousands of keys that nobody types and that cost load time."""
    n = len(options)
    if n <= _MIXED_MAX_CHARS:
        yield from itertools.product(*options)
        return
    base = tuple(choices[0] for choices in options)
    yield base
    for i, choices in enumerate(options):  # one character respelled in any way
        for choice in choices[1:]:
            yield (*base[:i], choice, *base[i + 1 :])
    spelled = [[c for c in choices if c[0] in _LETTERS] for choices in options]
    for i in range(n - 1):  # one word of two characters in letters (ban ye, deng zhe)
        for pair in itertools.product(spelled[i], spelled[i + 1]):
            yield (*base[:i], *pair, *base[i + 2 :])
    for kind in (_SPELLED, _INITIAL):
        yield tuple(_pick(choices, kind) for choices in options)
    if n <= _MIXED_ASCII_MAX_CHARS:  # initials with digits for some syllables (nm4l, 2b)
        short = [[c for c in choices if c[0] in _SHORT] for choices in options]
        yield from itertools.product(
            *[choices or options[i][:1] for i, choices in enumerate(short)]
        )


_LETTERS = (_SPELLED, _INITIAL)
_SHORT = (_INITIAL, _DIGIT, _AS_TYPED)


def _pick(choices: list[tuple[Part, str]], kind: Part) -> tuple[Part, str]:
    for choice in choices:
        if choice[0] is kind:
            return choice
    return choices[0]


def _merges(units: str, combo: tuple[Choice, ...]) -> bool:
    """Whether two different characters of the term are spelled alike side by side, so that
    they would collapse into one (太 read ta before 他: 太他妈 must not match 他妈)."""
    return any(
        combo[i][1] == combo[i + 1][1] and units[i] != units[i + 1] for i in range(len(combo) - 1)
    )


def _acceptable(combo: tuple[tuple[Part, str], ...]) -> bool:
    """Leave out forms that ordinary text would hit by accident."""
    kinds = [kind for kind, _ in combo]
    n = len(combo)
    initials = kinds.count(_INITIAL)
    if initials:
        if _CHARACTER in kinds and initials > 1:
            return False  # letters then a character are sizes and codes ("SN码", "XL号")
        for (kind, text), (next_kind, next_text) in itertools.pairwise(combo):
            if _INITIAL in (kind, next_kind) and text[-1] == next_text[0]:
                return False  # two sounds would merge into one letter (聋了吗 is not "L码")
    if _CHARACTER not in kinds and _DIGIT not in kinds:
        # all letters: two syllables spelled out at least (``gun`` alone is English);
        # initials alone need three characters (``tm`` would hit ™)
        if all(kind in (_INITIAL, _AS_TYPED) for kind in kinds):
            return n >= _INITIALS_MIN_CHARS
        return n >= 2
    # a digit standing for a syllable only inside the term, or in an all-ASCII form:
    # ``去4楼`` must not read as 去死.
    all_ascii = _CHARACTER not in kinds
    return all_ascii or _DIGIT not in (kinds[0], kinds[-1])


def _folds_to_several(typed: str) -> bool:
    """Whether a character of ``typed`` folds into several letters (™ → tm)."""
    return any(len(unicodedata.normalize("NFKC", ch)) > 1 for ch in typed if not ch.isascii())


def _ascii_variants(term: str) -> set[str]:
    """An ASCII term and its forms with one letter written as a look-alike digit."""
    variants = {term}
    for i, ch in enumerate(term):
        digit = _DIGIT_FOR_LETTER.get(ch)
        if digit:
            variants.add(term[:i] + digit + term[i + 1 :])
    # a term must keep at least one letter, or it is just a number
    return {v for v in variants if any(c.isalpha() for c in v)}


def _as_typed(text: Normalised, span: tuple[int, int], written: str) -> tuple[int, int]:
    """The stretch of a sound-alike hit, narrowed to the term as written where the hit only
    ran on into a neighbour that shares its first or last syllable (寿衣已: 衣已 reads as one
    yi; 傻逼比). That neighbour is no part of the word: a reading that kept it would be taken
    for a respelling (a guess that only warns), would slip past a context about the word's
    own neighbours (寿衣已经发出: goods named), and would be deleted by an in-place fix. A
    repeat of the term's own characters (傻逼逼) is a disguise and keeps its whole stretch."""
    first = bisect_left(text.view_start, span[0])
    last = bisect_left(text.view_start, span[1])
    typed = text.view[first:last]
    if len(typed) != span[1] - span[0]:
        return span  # letters, breaks or folded characters: no character-for-character view
    if typed.startswith(written) and not set(typed[len(written) :]) & set(written):
        return span[0], span[0] + len(written)
    if typed.endswith(written) and not set(typed[: -len(written)]) & set(written):
        return span[1] - len(written), span[1]
    return span

