"""Threats and harassment by structure: slot patterns in message rules, and the buyer's words
an agent quotes, which are not the agent's threat.

Message rule files may hold a ``[slots]`` table (shared by every file) and rules with
``slots = [...]`` (helper.slots); one file may hold ``[quoted_speech]``:

    [quoted_speech]
    scenes = ["threat", "harassment"]     # findings of these scenes are set aside ...
    frames = ["speaker when? say"]        # ... after a frame like 您刚才说 (slot patterns)
    quotes = ["“”", "「」"]               # opening and closing quote of each pair
    marked_scenes = ["insult"]            # optional: set aside only inside quotation marks
    listener = ["你", "您"]               # optional: ... or in an unquoted report without these
    titles = ["《》"]                     # optional: marks around a name (a book, a brand)
    names = ["叫", "名叫"]                # optional: a quotation right after these is a name
    informal_listener = ["你"]           # optional: see below
    bare_names = ["名字叫", "名叫"]        # optional: a name right after these needs no marks
    marked_frames = ["caller name_call"]  # optional: frames followed only by a quotation in marks

After a frame the set-aside span is the quotation that follows (「您说"再不退款我就曝光你"」),
or the rest of the clause when no quote follows (「您刚才说要曝光我们」). For ``marked_scenes``
a quotation in marks counts, and an unquoted report only when it names no ``listener``: the
buyer's words reported back (「您说我们是骗子」, 「买家说收到的像垃圾」) are set aside, but
「你说你是不是有病」 is the agent's own insult. Findings of ``marked_scenes`` inside ``titles``
marks, or in a quotation right after one of ``names`` (这个牌子叫"傻子瓜子"), are a name, not
said to anyone (《白痴》 is a novel). A quotation in marks inside an unquoted report is the
reported words themselves (您说师傅说您家的狗是"疯狗"; 您反映快递员叫您"老不死的"), even where the
report names the polite listener, unless the report outside the marks names an
``informal_listener`` (你说他骂你是"…" stays the agent's own words). After one of
``bare_names`` (名字叫, 昵称是) a name needs no marks: the rest of the clause, up to
``_BARE_NAME_MAX`` characters, is the name (IP形象的名字叫小白痴), unless a ``listener`` is in it or
just before the naming word (你的名字叫傻逼).
A ``marked_frames`` frame (sixteenth wave: a third party's name-calling, 某些人骂人家"黑鬼") sets
aside only a quotation in marks right after it, never the rest of an unquoted clause: 被骂也活该,
被骂成蛮夷 are not reports of anyone's words.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ahocorasick
import re2

from helper.checks.message.lexicon_kept import KeptLexicons
from helper.checks.message.normalise import BREAK, Normalised, Normaliser, Views
from helper.checks.message.slot_alphabet import SlotAlphabet, codable
from helper.checks.message.slot_sounds import Respelled, SoundAlikeSlots
from helper.checks.message.slot_sources import SlotSources, Source, Written
from helper.checks.message.slot_walk import Places, Walk, WalkStep
from helper.checks.message.spellings import SpellingCache
from helper.re2_direct import program, spans
from helper.rulefiles import RuleFileError, line_of
from helper.slots import SlotError, Slots, Step, overlaps, re2_options
from helper.text import fold

if TYPE_CHECKING:
    from helper.checks.message.engine import Match
    from helper.checks.message.rules import Rule, RuleBook

log = logging.getLogger(__name__)

# A slot pattern RE2 refused to compile (SlotMatcher._pattern).
_REFUSED: tuple[Any, tuple[Any, ...]] = (None, ())
# Views shorter than this (characters) are read by every candidate pattern before a rule the
# learned model will not confirm is skipped: scoring a message costs more than reading there.
_SKIP_FROM = 64
# Where an unquoted report of the buyer's words ends, in the text as typed.
_CLAUSE_END = frozenset("。！？!?；;，,\n")
# Between a frame and the opening quote: 您说：“……”
_BEFORE_QUOTE = frozenset(" \u3000:：")
# How far before a naming word (叫) the listener makes the name theirs (你就叫"…")
_NAMED_WITHIN = 6
# what joins quotations listed together before the word that mentions them all
_LISTED_WITH = frozenset({"、", "，", ",", "和", "或", "或者", "跟", "以及", "还有"})
# The longest name read after a naming word without marks (名字叫小白痴)
_BARE_NAME_MAX = 8
# Where a sentence of staff talk about the rules ends (sixteenth wave, ``rule_talk``)
_SENTENCE_END = frozenset("。！？!?；;\n")
# How far before a judging word a negation takes it back (不算骚扰, 不会被罚)
_JUDGED_NEGATED_WITHIN = 2
# How far into a sentence a staff lead-in opens it (新人注意：…, 提醒一下：…)
_STAFF_LEAD_WITHIN = 8
# Seventeenth wave: how far after a ban its verb of saying may come (不能|对买家|说) and how long
# the words forbidden without marks may be before the word naming their kind (你等着、走着瞧|这种话)
_FORBID_SAY_WITHIN = 6
# Nineteenth wave (replies19): how far after a promise to stop or a ban a contact match must end,
# in the same clause (不会再一直给您打电话; 不要给买家换号码打电话)
_REGRET_STOP_WITHIN = 18
_FORBIDDEN_WORDS_MAX = 16
_OPTIONAL_KEYS = (
    "marked_scenes",
    "listener",
    "titles",
    "names",
    "informal_listener",
    "bare_names",
    "mentioned_by",
    "mentioned_as_kind",
    "owned_after",
    "judged",
    "judged_negated",
    "staff_lead",
    "staff_forbid",
    "defied",
    "greetings",
    "singled_out",
    "rule_talk_rules",
    "forbidden_say",
    "regret_scenes",
    "regret_lead",
    "regret_stop",
    "regret_disowned",
    "regret_spoiled",
)
_KEYS = {"scenes", "frames", "quotes", "marked_frames", *_OPTIONAL_KEYS}

Span = tuple[int, int]


@dataclass(frozen=True)
class QuotedSpeechTable:
    scenes: tuple[str, ...]
    frames: tuple[Any, ...]
    quotes: tuple[str, ...]  # two characters each: opening, closing
    path: Path
    line: int
    marked_scenes: tuple[str, ...] = ()
    listener: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # two characters each, like quotes
    names: tuple[str, ...] = ()
    informal_listener: tuple[str, ...] = ()
    bare_names: tuple[str, ...] = ()
    mentioned_by: tuple[str, ...] = ()
    mentioned_as_kind: tuple[str, ...] = ()
    owned_after: tuple[str, ...] = ()
    judged: tuple[str, ...] = ()
    judged_negated: tuple[str, ...] = ()
    staff_lead: tuple[str, ...] = ()
    staff_forbid: tuple[str, ...] = ()
    defied: tuple[str, ...] = ()
    greetings: tuple[str, ...] = ()
    singled_out: tuple[str, ...] = ()
    rule_talk_rules: tuple[str, ...] = ()
    forbidden_say: tuple[str, ...] = ()
    regret_scenes: tuple[str, ...] = ()
    regret_lead: tuple[str, ...] = ()
    regret_stop: tuple[str, ...] = ()
    regret_disowned: tuple[str, ...] = ()
    regret_spoiled: tuple[str, ...] = ()
    marked_frames: tuple[Any, ...] = ()


def read_quoted_speech(
    data: Any, path: Path, text: str, problems: list[RuleFileError]
) -> QuotedSpeechTable | None:
    line = line_of(text, "[quoted_speech]") or 1
    if not isinstance(data, dict):
        problems.append(RuleFileError(path, line, "quoted_speech must be a table"))
        return None
    unknown = set(data) - _KEYS
    if unknown:
        problems.append(
            RuleFileError(
                path,
                line,
                f"unknown key {sorted(unknown)[0]!r} in [quoted_speech]; "
                f"allowed: {', '.join(sorted(_KEYS))}",
            )
        )
        return None
    scenes, frames, quotes = data.get("scenes"), data.get("frames"), data.get("quotes")
    lists_ok = all(
        isinstance(value, list) and value and all(isinstance(v, (str, dict)) for v in value)
        for value in (scenes, frames, quotes)
    )
    if not lists_ok:
        problems.append(
            RuleFileError(path, line, "[quoted_speech] needs scenes, frames and quotes lists")
        )
        return None
    if not all(isinstance(q, str) and len(q) == 2 for q in quotes):
        problems.append(RuleFileError(path, line, '[quoted_speech] quotes are pairs like "“”"'))
        return None
    optional = {}
    for key in _OPTIONAL_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.append(RuleFileError(path, line, f"[quoted_speech] {key} is a list"))
            return None
        optional[key] = tuple(value)
    if not all(len(pair) == 2 for pair in optional["titles"]):
        problems.append(RuleFileError(path, line, '[quoted_speech] titles are pairs like "《》"'))
        return None
    marked_frames = data.get("marked_frames", [])
    if not isinstance(marked_frames, list) or not all(
        isinstance(v, (str, dict)) for v in marked_frames
    ):
        problems.append(RuleFileError(path, line, "[quoted_speech] marked_frames is a list"))
        return None
    return QuotedSpeechTable(
        tuple(scenes),
        tuple(frames),
        tuple(quotes),
        path,
        line,
        marked_frames=tuple(marked_frames),
        **optional,
    )


def check_slot_patterns(
    rules: Sequence[Rule],
    slots: dict[str, tuple[str, ...]],
    quoted: QuotedSpeechTable | None,
    problems: list[RuleFileError],
) -> None:
    """Compile every rule's slot patterns once, so that lint names the rule and its line."""
    book = Slots(slots, fold, BREAK)
    for rule in rules:
        for spec in rule.slots:
            try:
                book.compile(spec)
            except SlotError as exc:
                problems.append(_rule_error(rule, spec, exc))
    if quoted is not None:
        for spec in (*quoted.frames, *quoted.marked_frames):
            try:
                book.compile(spec)
            except SlotError as exc:
                problems.append(_frame_error(quoted, exc))


def _rule_error(rule: Rule, spec: Any, exc: SlotError) -> RuleFileError:
    return RuleFileError(
        rule.path, _line_of_spec(rule.path, spec, rule.line), f"rule {rule.id!r}: {exc}"
    )


def _frame_error(quoted: QuotedSpeechTable, exc: SlotError) -> RuleFileError:
    return RuleFileError(quoted.path, quoted.line, f"quoted_speech: {exc}")


def _line_of_spec(path: Path, spec: Any, start: int) -> int:
    """The line where a bad slot pattern is written (read again only for an error)."""
    source = spec.get("match") if isinstance(spec, dict) else spec
    if not isinstance(source, str):
        return start
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        return start
    return line_of(text, source, start_line=start) or start


def slots_for(
    slots: dict[str, tuple[str, ...]],
    normaliser: Normaliser,
    alphabet: SlotAlphabet | None = None,
) -> Slots:
    """Slot words go through the same normaliser as the text (Traditional, look-alikes);
    each word once, however many patterns name its slot. With ``alphabet``, the words, the
    pattern slots' regexes (as they are: not normalised) and the clause break are written in
    its codes (SlotMatcher)."""
    if alphabet is None:
        alphabet = SlotAlphabet(compact=False)
    code = alphabet.word
    coded = {name: code(v) if isinstance(v, str) else v for name, v in slots.items()}
    return Slots(
        coded, lru_cache(maxsize=None)(lambda word: code(normaliser.views(word).view)), code(BREAK)
    )


def _never(rule: Rule) -> bool:
    return False


class SlotMatcher:
    """The engine's matcher for slot patterns (``CompiledRules.matchers``). RE2 gives up its
    DFA on the bounded gaps of a set of many patterns, so patterns do not run as one set:
    one Aho–Corasick scan finds which slot words occur, and only a pattern that has a word
    of every required token in the text (its anchors) runs, on the view in a compact byte
    encoding (slot_alphabet.py)."""

    def __init__(
        self,
        book: RuleBook,
        normaliser: Normaliser,
        *,
        prefilter: bool = True,
        compact: bool = True,
        spellings: SpellingCache | None = None,
        kept: SlotSources | None = None,
        lexicons: KeptLexicons | None = None,
    ) -> None:
        """``prefilter=False`` runs every pattern on every text, ``compact=False`` runs them
        on the text's UTF-8 (tests compare); ``spellings``: the sound-alike spellings kept
        between loads (spellings.py); ``kept``: the patterns' RE2 sources kept between loads
        (slot_sources.py); ``lexicons``: the sound-alike slot words' lexicon kept between
        loads (lexicon_kept.py)."""
        # words, patterns and texts in compact codes (slot_alphabet.py); not exact for a
        # pattern slot that names characters by range or class
        self._alphabet = SlotAlphabet(
            compact=compact
            and all(codable(regex) for regex in book.slots.values() if isinstance(regex, str))
        )
        self._options = re2_options()
        # ``unless`` programs by RE2 source: the patterns of a rule share their ``unless``
        # list, so one program serves them all (and _find_in reads it once per view)
        self._unless_programs: dict[bytes, Any] = {}
        # per pattern: its rule, and its RE2 source and those of its ``unless`` patterns (as
        # UTF-8 bytes, in the alphabet's codes); compiled on first need (``_compiled``, the C++
        # programs that re2_direct.py calls): most patterns are never a candidate in a run,
        # and compiling all of them cost an eighth of rule load. A pattern that can be walked
        # (slot_walk.py) is compiled too, so that one RE2 refuses is skipped as before
        self._sources: list[tuple[Rule, bytes, tuple[bytes, ...]]] = []
        self._compiled: list[tuple[Any, tuple[Any, ...]] | None] = []
        # per pattern: the anchor token ids it needs, or None (no word token: always runs)
        self._needs: list[frozenset[int] | None] = []
        token_ids: dict[tuple[str, ...], int] = {}
        tokens_of_word: dict[str, set[int]] = {}
        # per pattern, and per ``unless`` source: its steps over token ids, or None (RE2 runs
        # it: a pattern slot, or ``prefilter=False``)
        steps: list[list[WalkStep] | None] = []
        unless_steps: dict[bytes, list[WalkStep] | None] = {}

        # a token's id by the identity of its words: one tuple per token, shared by every
        # pattern naming it (a tuple's hash is not kept, and hashing hundreds of words for
        # each of 7,600 steps cost a tenth of rule load)
        by_identity: dict[int, int] = {}

        def token(words: tuple[str, ...]) -> int:
            found = by_identity.get(id(words))
            if found is None:
                found = by_identity[id(words)] = self._token(words, token_ids, tokens_of_word)
            return found

        def walked(found: tuple[Step, ...] | None) -> list[WalkStep] | None:
            if found is None or not prefilter:
                return None
            return [
                (True, value, flag) if isinstance(value, int) else (False, token(value), flag)
                for value, flag in found
            ]

        rules = [rule for rule in book.rules for _ in rule.slots]
        for rule, source in zip(rules, self._written(book, normaliser, kept), strict=True):
            unless = tuple(u.encode() for u in source.unless)
            self._sources.append((rule, source.regex.encode(), unless))
            self._compiled.append(None)
            steps.append(walked(source.steps))
            for regex, found in zip(unless, source.unless_steps, strict=True):
                if regex not in unless_steps:
                    unless_steps[regex] = walked(found)
            anchors = source.anchors if prefilter else None
            if anchors is None:
                self._needs.append(None)
                continue
            order = tuple(map(token, anchors))
            self._needs.append(frozenset(order))
        self._last = threading.local()
        self._unanchored = [i for i, needs in enumerate(self._needs) if needs is None]
        # token id -> the patterns that need it as their least common token (see _rarity):
        # only those are tested against what was seen; a pattern whose least common token
        # is missing cannot run, so each pattern is indexed under that one token alone
        # each token's rarity once (a token is shared by many patterns: 45,000 calls a load)
        rarity = [(0, 0)] * len(token_ids)
        for words, token in token_ids.items():
            rarity[token] = (_rarity(words), token)
        self._needing: dict[int, list[int]] = {}
        for index, needs in enumerate(self._needs):
            if needs:
                self._needing.setdefault(min(needs, key=rarity.__getitem__), []).append(index)
        # the automaton gives a word's number; its tokens are looked up once per distinct word
        # seen (a long message holds 你 and 我 dozens of times)
        self._words = ahocorasick.Automaton()
        self._tokens_of_word: list[tuple[int, ...]] = []
        self._word_lengths: list[int] = []
        words_of_token: list[set[int]] = [set() for _ in token_ids]
        for word, tokens in tokens_of_word.items():
            for token in tokens:
                words_of_token[token].add(len(self._word_lengths))
            self._words.add_word(word, len(self._tokens_of_word))
            self._tokens_of_word.append(tuple(tokens))
            self._word_lengths.append(len(word))
        if tokens_of_word:
            self._words.make_automaton()
        self._words_of_token = [frozenset(words) for words in words_of_token]
        widths = [(min(map(len, words)), max(map(len, words))) for words in token_ids]
        self._breaks = self._alphabet.word(BREAK)

        def walk(found: list[WalkStep] | None) -> Walk | None:
            if found is None:
                return None
            return Walk(found, widths, self._word_lengths, rarity.__getitem__)

        self._walks = [walk(found) for found in steps]
        self._unless_walks = {regex: walk(found) for regex, found in unless_steps.items()}
        sounding = [w for name in book.slot_sounds for w in book.slots.get(name, ())]
        self._sounds = SoundAlikeSlots(sounding, normaliser, book.digits, spellings, lexicons)

    @staticmethod
    def _token(
        words: tuple[str, ...],
        token_ids: dict[tuple[str, ...], int],
        tokens_of_word: dict[str, set[int]],
    ) -> int:
        """The id of the required token with ``words``; a new one files its words (a token is
        shared by many patterns: filing its words once per pattern cost 50,000 set adds at
        every load)."""
        token = token_ids.get(words)
        if token is None:
            token = token_ids[words] = len(token_ids)
            for word in words:
                tokens_of_word.setdefault(word, set()).add(token)
        return token

    def _written(
        self, book: RuleBook, normaliser: Normaliser, kept: SlotSources | None
    ) -> list[Source]:
        """Every slot pattern of the book as RE2 sources in the alphabet's codes, in book
        order: from ``kept`` (slot_sources.py) when it holds those of this book and code, else
        written now (and kept)."""
        if kept is not None:
            kept.start(book, self._alphabet.compact)
            found = kept.kept()
            if found is not None:
                self._alphabet.restore(found.codes)
                return found.sources
        slots = slots_for(book.slots, normaliser, self._alphabet)
        sources = []
        for rule in book.rules:
            for spec in rule.slots:
                # rule load no longer compiles every pattern once more to check it (only
                # lint does, check_slot_patterns): a bad one is named here, file and line
                try:
                    pattern = slots.compile(spec)
                except SlotError as exc:
                    raise _rule_error(rule, spec, exc) from None
                unless = spec.get("unless", []) if isinstance(spec, dict) else []
                sources.append(
                    Source(
                        pattern.regex,
                        pattern.unless,
                        slots.anchors(pattern.source),
                        slots.steps(pattern.source),
                        tuple(map(slots.steps, unless)),
                    )
                )
        if kept is not None:
            kept.keep(Written(sources, self._alphabet.codes))
        return sources

    def _pattern(self, index: int) -> tuple[Any, tuple[Any, ...]] | None:
        """Pattern ``index`` and its ``unless`` patterns, compiled on first need (two threads
        that meet it together both compile it and store equal objects); None for a pattern
        RE2 refuses, which then never matches (logged; ``helper rules lint`` names it)."""
        compiled = self._compiled[index]
        if compiled is None:
            try:
                compiled = self._compile(index)
            except re2.error as exc:
                rule = self._sources[index][0]
                log.error("rule %s: slot pattern not compiled, skipped: %s", rule.id, exc)
                compiled = _REFUSED
            self._compiled[index] = compiled
        return None if compiled is _REFUSED else compiled

    def _compile(self, index: int) -> tuple[Any, tuple[Any, ...]]:
        _, regex, unless = self._sources[index]
        return (program(re2.compile(regex, self._options)), tuple(map(self._unless, unless)))

    def _unless(self, source: bytes) -> Any:
        """The program of an ``unless`` source, compiled once for every pattern that names it
        (two threads that meet it together both compile it: equal programs)."""
        found = self._unless_programs.get(source)
        if found is None:
            found = self._unless_programs[source] = program(re2.compile(source, self._options))
        return found

    def compile_all(self) -> None:
        """Compile every pattern now: ``helper serve`` does it in the background at start
        (so that no agent's check waits for it) and ``helper rules lint`` to name a pattern
        RE2 refuses (raises RuleFileError), such as one too large for its memory budget."""
        for index, (rule, _, _) in enumerate(self._sources):
            if self._compiled[index] not in (None, _REFUSED):
                continue
            try:
                self._compiled[index] = self._compile(index)
            except re2.error as exc:
                raise RuleFileError(
                    rule.path, rule.line, f"rule {rule.id!r}: slot pattern not compiled: {exc}"
                ) from None

    def _seen(self, coded: str) -> _Seen:
        # a long message has hundreds of slot-word hits (你, 我): gathered at C level
        return _Seen(coded, list(self._words.iter(coded)) if len(self._words) else [], self)

    def _candidates(self, seen: _Seen) -> list[int]:
        """Indices of the patterns whose every required token has a word in the view."""
        tokens = seen.tokens
        if not tokens:
            return self._unanchored
        needs = self._needs
        anchored = set(chain.from_iterable(map(self._needing.get, tokens, repeat(()))))
        return sorted([i for i in anchored if needs[i] <= tokens] + self._unanchored)

    def _spans(self, index: int, seen: _Seen, near: Sequence[Span] | None = None) -> Iterator[Span]:
        """The character spans of pattern ``index``'s matches in the view, in order: walked
        from its words' places (slot_walk.py; ``near``: see ``Walk.spans``), or read by RE2
        (the whole view: a pattern slot may read around a match)."""
        # a pattern RE2 refuses never matches, walked or not (logged once; lint names it)
        compiled = self._pattern(index)
        if compiled is None:
            return iter(())
        walk = self._walks[index]
        return seen.read(compiled[0]) if walk is None else walk.spans(seen.places, near)

    def _unless_spans(self, source: bytes, seen: _Seen) -> list[Span]:
        """The spans of an ``unless`` source's matches in the view, read once per view (the
        patterns of a rule share their ``unless`` list)."""
        found = seen.unless.get(source)
        if found is None:
            walk = self._unless_walks.get(source)
            read = walk.spans(seen.places) if walk is not None else seen.read(self._unless(source))
            found = seen.unless[source] = list(read)
        return found

    def may_match(self, views: Views, unconfirmed: Callable[[Rule], bool]) -> bool:
        if self._sounds.may_respell(views):
            self._last.found = None  # find() reads the view and its respelling
            return True
        seen = self._seen(self._alphabet.text(views.view))
        # In a long view, a rule the learned model will not confirm is skipped before its
        # patterns are read: its wide cues (threat.overall: the listener near any of twenty
        # classes) cost more than scoring the message does. A short view is read first, as
        # scoring costs more than reading there.
        matching = [
            index
            for index in self._confirmable(seen, unconfirmed)
            if next(self._spans(index, seen), None) is not None
        ]
        # find() on the same text (the engine's next call, in this thread) runs only these,
        # on the words and places already found
        self._last.found = (views.view, matching, seen)
        return bool(matching)

    def _confirmable(self, seen: _Seen, unconfirmed: Callable[[Rule], bool]) -> list[int]:
        """The candidate patterns of the view, without (in a long view) those of a rule the
        learned model will not confirm: its wide cues (threat.overall: the listener near any
        of twenty classes) cost more than scoring the message does, and the engine drops
        its matches anyway. A short view keeps them: scoring costs more than reading there."""
        return self._confirmed(self._candidates(seen), seen, unconfirmed)

    def _confirmed(
        self, candidates: list[int], seen: _Seen, unconfirmed: Callable[[Rule], bool]
    ) -> list[int]:
        """``candidates`` without, in a long view, those of a rule the model will not confirm."""
        if len(seen.coded) < _SKIP_FROM:
            return candidates
        sources = self._sources
        # asked once per rule: a rule's patterns are candidates together (3.5 per rule asked
        # in a long view), and each question walks every part of the message the gate reads
        set_aside: dict[str, bool] = {}
        kept: list[int] = []
        for index in candidates:
            rule = sources[index][0]
            if rule.learned_at_least is not None:
                skipped = set_aside.get(rule.id)
                if skipped is None:
                    skipped = set_aside[rule.id] = unconfirmed(rule)
                if skipped:
                    continue
            kept.append(index)
        return kept

    def find(
        self, text: Normalised, unconfirmed: Callable[[Rule], bool] = _never
    ) -> Iterable[Match]:
        # the view as typed, then (when a slot word is typed in a sound-alike spelling) the
        # respelled view: a respelling only adds matches (好吗 stays 好吗 for the tone shapes
        # even where it is also read as 号码)
        matched: set[int] = set()
        yield from self._find_in(text, text.view, None, unconfirmed, matched)
        respelled = self._sounds.respell(text) if self._sounds.size else None
        if respelled is not None:
            yield from self._find_in(text, respelled.view, respelled, unconfirmed, matched)

    def _find_in(
        self,
        text: Normalised,
        view: str,
        respelled: Respelled | None,
        unconfirmed: Callable[[Rule], bool],
        matched: set[int],
    ) -> Iterable[Match]:
        """The matches in one view. In the view as typed, ``matched`` receives every pattern
        that may match it (one read with a match, or one not read: a rule skipped for the
        learned model); in the respelled view, a walked pattern not in it is walked only from
        the places that can reach a word the respelling wrote (twelfth wave). Exact: the
        respelled view is the view as typed with some stretches rewritten, and a walk from a
        place reads only the units up to the pattern's widest match after it (slot_walk.py),
        so a match of the respelled view that reads no rewritten unit reads a stretch copied
        from the view as typed, where the pattern found no match. The view as typed
        is read first (``find``); a pattern that was no candidate there has no word of some
        required token in it, so no match either."""
        from helper.checks.message.engine import Match

        last = getattr(self._last, "found", None)
        if last is not None and last[0] == view:
            indices, seen = last[1], last[2]
            if respelled is None:  # may_match read only some patterns: none is known clean
                matched.add(-1)
        else:
            seen = self._seen(self._alphabet.text(view))
            candidates = self._candidates(seen)
            indices = self._confirmed(candidates, seen, unconfirmed)
            if respelled is None and len(indices) < len(candidates):
                matched.update(set(candidates).difference(indices))
        # in the respelled view: where the patterns that did not match the view as typed can
        # start (None: the view as typed is not known, every pattern is walked everywhere)
        near = respelled.written if respelled is not None and -1 not in matched else None
        for index in indices:
            rule, unless = self._sources[index][0], self._sources[index][2]
            blocked: list[Span] | None = None
            if respelled is None:
                spans = self._spans(index, seen)
            else:
                spans = self._spans(index, seen, None if index in matched else near)
            for start, end in spans:
                if respelled is None:
                    matched.add(index)
                if blocked is None:
                    blocked = [other for u in unless for other in self._unless_spans(u, seen)]
                if blocked and overlaps((start, end), blocked):
                    continue
                while start < end and view[start] == BREAK:
                    start += 1
                while end > start and view[end - 1] == BREAK:
                    end -= 1
                if end > start and respelled is not None:  # back to the view as typed
                    start, end = respelled.first[start], respelled.last[end - 1]
                if end > start:  # the engine merges overlapping matches of one rule
                    yield Match(rule, *text.cp_span_of_view(start, end), rule.id)


class _Seen:
    """The slot words of one view (in the slot alphabet's codes): which tokens have a word in
    it, where their words stand (``places``, on first need), and the spans of each ``unless``
    source read in it."""

    __slots__ = ("_encoded", "_hits", "_matcher", "_places", "coded", "tokens", "unless")

    def __init__(self, coded: str, hits: list[tuple[int, int]], matcher: SlotMatcher) -> None:
        self.coded = coded
        self._matcher = matcher
        self._hits = hits
        self._places: Places | None = None
        self._encoded: bytes | None = None
        self.unless: dict[bytes, list[Span]] = {}
        # gathered at C level: a long message has hundreds of slot-word hits (你, 我)
        self.tokens: set[int] = set(
            chain.from_iterable(
                map(matcher._tokens_of_word.__getitem__, set(map(itemgetter(1), hits)))
            )
        )

    @property
    def places(self) -> Places:
        if self._places is None:
            matcher = self._matcher
            self._places = Places(
                self.coded,
                self._hits,
                matcher._word_lengths,
                matcher._words_of_token,
                matcher._breaks,
            )
        return self._places

    def read(self, program: Any) -> Iterator[Span]:
        """RE2's matches of ``program`` in the view's UTF-8, as character spans."""
        if self._encoded is None:
            self._encoded = self.coded.encode("utf-8")
        encoded = self._encoded
        if len(encoded) == len(self.coded):
            return spans(program, encoded)
        return (
            (len(encoded[:start].decode("utf-8")), len(encoded[:end].decode("utf-8")))
            for start, end in spans(program, encoded)
        )


def _rarity(words: Sequence[str]) -> tuple[int, int]:
    """How often a token's words may be expected in a text, to order tokens (lower: rarer):
    one-character words (你, 打) occur in almost every message; then more words, more hits."""
    lengths = list(map(len, words))  # at C level: a token may hold hundreds of words
    return (lengths.count(1), len(words))


def _pieces(text: str, ends: frozenset[str]) -> list[Span]:
    """The spans of ``text`` between the characters of ``ends`` (each end left out)."""
    cuts = [i for i, c in enumerate(text) if c in ends] + [len(text)]
    return list(zip([0] + [cut + 1 for cut in cuts[:-1]], cuts, strict=True))


def quoted_speech(book: RuleBook, normaliser: Normaliser) -> QuotedSpeech | None:
    table = book.quoted_speech
    return QuotedSpeech(table, slots_for(book.slots, normaliser)) if table else None


class QuotedSpeech:
    """Finds the buyer's words an agent quotes, in code points of the text as typed."""

    def __init__(self, table: QuotedSpeechTable, slots: Slots) -> None:
        options = re2_options()
        self.scenes = (
            frozenset(table.scenes)
            | frozenset(table.marked_scenes)
            | frozenset(table.regret_scenes)
        )
        self._marked_only = frozenset(table.marked_scenes) - frozenset(table.scenes)
        # (regex, unless regexes, whether only a quotation in marks after it counts)
        self._frames = []
        for spec, marked_only in chain(
            zip(table.frames, repeat(False)), zip(table.marked_frames, repeat(True))
        ):
            try:
                pattern = slots.compile(spec)
            except SlotError as exc:
                raise _frame_error(table, exc) from None
            self._frames.append(
                (
                    re2.compile(pattern.regex, options),
                    tuple(re2.compile(u, options) for u in pattern.unless),
                    marked_only,
                )
            )
        self._closing = {pair[0]: pair[1] for pair in table.quotes}
        self._listener = table.listener
        self._titles = {pair[0]: pair[1] for pair in table.titles}
        self._names = table.names
        self._informal = table.informal_listener
        self._bare_names = table.bare_names
        self._mentioned_by = table.mentioned_by + table.mentioned_as_kind
        self._as_kind = table.mentioned_as_kind
        self._owned_after = table.owned_after
        self._judged = table.judged
        self._judged_negated = table.judged_negated
        self._staff_lead = table.staff_lead
        self._staff_forbid = table.staff_forbid
        self._defied = table.defied
        self._greetings = table.greetings
        self._singled_out = table.singled_out
        self._talk_rules = frozenset(table.rule_talk_rules)
        self._forbidden_say = table.forbidden_say
        self._regret_scenes = frozenset(table.regret_scenes)
        self._regret_lead = table.regret_lead
        self._regret_stop = table.regret_stop
        self._regret_disowned = table.regret_disowned
        self._regret_spoiled = table.regret_spoiled

    def set_aside(self, normalised: Normalised, found: list[Match]) -> list[Match]:
        """``found`` without the matches of ``scenes`` that lie inside quoted buyer speech."""
        if not any(match.rule.scene in self.scenes for match in found):
            return found
        text = normalised.original
        # a quotation only mentioned ("你等着"这类话) is said to no one, whatever its scene
        named, mentioned = self._named(text)
        mentioned = mentioned + self._unmarked_mentions(text)
        reported, framed = self._frame_spans(normalised)
        quoted = reported + mentioned
        # sixteenth wave: ``framed``, a frame and the quotation in marks it opens (您说的“脑子进水
        # 才买…”): an insult read from the frame's 您 into the buyer's words is the buyer's words
        talk = self._rule_talk(text)
        regret = self._regretted_contact(text) if self._regret_scenes else []
        if regret:
            found = [
                match
                for match in found
                if match.rule.scene not in self._regret_scenes or not inside_any(match[1:3], regret)
            ]
        marked = (
            [
                span
                for span in quoted
                if text[span[0]] in self._closing
                or (
                    # 你问的这个问题…: a noun phrase the agent goes on to judge, not a report
                    text[span[0]] != "的"
                    and not any(word in text[span[0] : span[1]] for word in self._listener)
                )
            ]
            + _titled(text, self._titles)
            + named
            + mentioned
            + self._quoted_in_reports(text, quoted)
            + self._bare_named(text)
            + framed
        )
        if not quoted and not marked and not talk:
            return found
        return [
            match
            for match in found
            if match.rule.scene not in self.scenes
            or (
                not _set_aside_by(match.rule)(
                    match[1:3], marked if match.rule.scene in self._marked_only else quoted
                )
                and not (
                    (match.rule.scene not in self._marked_only or match.rule.id in self._talk_rules)
                    and inside_any(match[1:3], talk)
                    and not any(w in text[match[1] : match[2]] for w in self._listener)
                )
            )
        ]

    def _rule_talk(self, text: str) -> list[Span]:
        """Sentences of staff talk about the platform's rules (sixteenth wave): an act judged
        as a violation (``judged``: 半夜给买家打电话都算恶意骚扰, 给买家寄寿衣属于情节特别严重,
        有店铺因为…被清退), or forbidden after a staff lead-in (``staff_lead`` then
        ``staff_forbid``: 新人注意：不能打电话到买家单位). Said to no one in the scenes of
        ``scenes``: a finding in it is set aside unless its own words name the listener. Not where
        the informal listener is in the sentence (你), a polite one outside ``greetings`` is, the
        judging word is taken back (``judged_negated`` just before it: 不算骚扰), the speaker
        defies it (``defied``: 被罚也无所谓) or one buyer is singled out (``singled_out``:
        这个买家不删差评就不要让他好过: a plan, not a rule)."""
        if not self._judged and not self._staff_lead:
            return []
        spans: list[Span] = []
        for start, end in _pieces(text, _SENTENCE_END):
            sentence = text[start:end]
            if sentence.strip() and self._open_to_rule_talk(sentence):
                if self._judges(sentence):
                    spans.append((start, end))
                elif any(w in sentence[:_STAFF_LEAD_WITHIN] for w in self._staff_lead):
                    spans.extend(self._forbidden_clauses(sentence, start))
        return spans

    def _regretted_contact(self, text: str) -> list[Span]:
        """Nineteenth wave (replies19): contact the agent regrets, stops, bans or disowns, a
        sentence at a time. After an apology (``regret_lead``: 抱歉让您被我们的短信轰炸了)
        to the sentence's end; after a promise to stop or a ban (``regret_stop``:
        我们不会每天给您发…, 不要给买家换号码打电话) to the clause's end, when the
        contact ends within ``_REGRET_STOP_WITHIN`` characters of it; and up to a disowning
        (``regret_disowned``: 之前那个一直给您打电话的号码不是我们的). Said of no
        campaign: a finding of ``regret_scenes`` inside is set aside. Not in a sentence that
        names the informal listener (你: a threat's own address) or holds a word of
        ``regret_spoiled`` (直到, 否则, 接着: the campaign goes on)."""
        spans: list[Span] = []
        for start, end in _pieces(text, _SENTENCE_END):
            sentence = text[start:end]
            if not sentence.strip() or any(
                w in sentence for w in (*self._informal, *self._regret_spoiled)
            ):
                continue
            leads = [sentence.find(w) for w in self._regret_lead if w in sentence]
            if leads:
                spans.append((start + min(leads), end))
            disowned = [sentence.find(w) + len(w) for w in self._regret_disowned if w in sentence]
            if disowned:
                spans.append((start, start + max(disowned)))
            for c_start, c_end in _pieces(sentence, _CLAUSE_END):
                clause = sentence[c_start:c_end]
                stops = [clause.find(w) for w in self._regret_stop if w in clause]
                if stops:
                    at = c_start + min(stops)
                    spans.append((start + at, start + min(c_end, at + _REGRET_STOP_WITHIN)))
        return spans

    def _open_to_rule_talk(self, sentence: str) -> bool:
        plain = sentence
        for word in self._greetings:
            plain = plain.replace(word, "")
        return not any(w in plain for w in self._listener) and not any(
            w in sentence for w in (*self._defied, *self._singled_out)
        )

    def _judges(self, sentence: str) -> bool:
        for word in self._judged:
            at = sentence.find(word)
            while at >= 0:
                before = sentence[max(0, at - _JUDGED_NEGATED_WITHIN) : at]
                if not any(n in before for n in self._judged_negated):
                    return True
                at = sentence.find(word, at + 1)
        return False

    def _forbidden_clauses(self, sentence: str, offset: int) -> list[Span]:
        """After a staff lead-in, each clause that holds a ban (不能打电话到买家单位，
        也不能联系买家的家人): only the banned acts, so 各位注意：不要犹豫，把买家地址挂网上
        keeps its menace."""
        return [
            (offset + start, offset + end)
            for start, end in _pieces(sentence, _CLAUSE_END)
            if any(w in sentence[start:end] for w in self._staff_forbid)
        ]

    def _unmarked_mentions(self, text: str) -> list[Span]:
        """Words forbidden without marks, then named as a kind of speech (seventeenth wave:
        培训的时候讲过，不能说你等着、走着瞧这种话): after a ban (``staff_forbid``) and, within
        ``_FORBID_SAY_WITHIN`` characters, a verb of saying (``forbidden_say``: 不能对买家说), the
        words up to a ``mentioned_as_kind`` word in the same clause (、 lists them) are mentioned,
        kind word included, and said to no one, like quotations in marks. Not when the informal
        listener stands between the ban and the verb (不许跟你说…) or the rest of the clause
        vouches for the words (``owned_after``: …这种话我说到做到)."""
        if not self._forbidden_say or not self._staff_forbid or not self._as_kind:
            return []
        spans: list[Span] = []
        for forbid in self._staff_forbid:
            at = text.find(forbid)
            while at >= 0:
                span = self._forbidden_words(text, at + len(forbid))
                if span is not None:
                    spans.append(span)
                at = text.find(forbid, at + 1)
        return spans

    def _forbidden_words(self, text: str, start: int) -> Span | None:
        """The words said after a ban ending at ``start``, up to their kind word, or None."""
        end = _clause_end(text, start)
        window = text[start : min(end, start + _FORBID_SAY_WITHIN + 1)]
        say = min(
            ((window.find(w), w) for w in self._forbidden_say if w in window),
            default=None,
        )
        if say is None or any(w in window[: say[0]] for w in self._informal):
            return None
        words = start + say[0] + len(say[1])
        clause = text[words:end]
        found = ((clause.find(w), w) for w in self._as_kind)
        kind = min(((at, w) for at, w in found if 0 < at <= _FORBIDDEN_WORDS_MAX), default=None)
        if kind is None:
            return None
        if any(w in clause[kind[0] :] for w in self._owned_after):
            return None
        return (words, words + kind[0] + len(kind[1]))

    def _named(self, text: str) -> tuple[list[Span], list[Span]]:
        """Quotations that are a name, marks included: right after a naming word (叫"傻子瓜子",
        the ``names``) or right before a word that mentions them (``mentioned_by``: "莫挨老子"这句);
        and, returned apart, those mentioned as a kind of speech (``mentioned_as_kind``: "你等着"
        这类话, "…"被判辱骂), said to no one in every scene, the kind word included (a match read
        by sound across the closing mark, "你等着"这: 着这, lies inside it). A menace mentioned as
        itself stays a menace ("我知道你住哪"这句话不是开玩笑), and so does one the rest of the
        clause vouches for (``owned_after``: "你等着"这种话我说到做到).
        Quotations listed together ("你等着"、"走着瞧"等用语, 例子："傻逼"、"脑残") count as one.
        Not when the listener is near before them (你就叫"傻逼"吧, 你就是个"废物"这句话我说的)
        or the informal one in the rest of the clause (例如"傻逼"就是说你); words inside other
        quotations are not the listener. A naming word may hold the listener
        itself (您拍的"猪头 帽子": the title of what the buyer ordered, read back); only the text
        before it is searched for the listener then."""
        if not self._names and not self._mentioned_by:
            return [], []
        marks = sorted(_titled(text, self._closing))
        plain = list(text)
        for start, end in marks:
            plain[start:end] = "\0" * (end - start)
        named: list[Span] = []
        mentioned: list[Span] = []
        index = 0
        while index < len(marks):
            group = [marks[index]]
            for following in marks[index + 1 :]:  # a list of quotations: "…"、"…"和"…"
                if text[group[-1][1] : following[0]].strip(" ") not in _LISTED_WITH:
                    break
                group.append(following)
            index += len(group)
            before = text[: group[0][0]].rstrip(" :：")
            word = next((name for name in self._names if before.endswith(name)), None)
            lead = "".join(plain[: len(before) - len(word or "")])
            after = text[group[-1][1] :].lstrip(" ")
            if any(w in lead[-_NAMED_WITHIN:] for w in self._listener) or any(
                w in after[: _clause_end(after, 0)] for w in self._informal
            ):  # 例如"傻逼"就是说你: the name given to the listener after it
                continue
            kind = next((w for w in self._as_kind if after.startswith(w)), None)
            if kind is not None:
                if any(w in after[: _clause_end(after, 0)] for w in self._owned_after):
                    continue  # "你等着"这种话我说到做到: the agent's own words, vouched for
                # the kind word belongs to the mention: a match read by sound past the closing
                # mark ("你等着"这类话: 着这) still lies inside it
                end = len(text) - len(after) + len(kind)  # after the spaces, then the word
                mentioned.extend(group[:-1])
                mentioned.append((group[-1][0], end))
            elif word or any(after.startswith(w) for w in self._mentioned_by):
                named.extend(group)
        return named, mentioned

    def _bare_named(self, text: str) -> list[Span]:
        """The rest of the clause after a naming word that needs no marks (名字叫小白痴), up to
        ``_BARE_NAME_MAX`` characters; not when the listener is in it or just before it."""
        spans = []
        for word in self._bare_names:
            at = text.find(word)
            while at >= 0:
                start = at + len(word)
                end = min(_clause_end(text, start), start + _BARE_NAME_MAX)
                lead = text[max(0, at - _NAMED_WITHIN) : at]
                if not any(w in text[start:end] or w in lead for w in self._listener):
                    spans.append((start, end))
                at = text.find(word, start)
        return spans

    def _quoted_in_reports(self, text: str, reports: Sequence[Span]) -> list[Span]:
        """Quotations in marks that open inside an unquoted report: the reported words (您说师傅
        回复您"爱买不买"), unless the report outside the marks names an informal listener."""
        if not self._informal:
            return []
        marks = _titled(text, self._closing)
        inner = []
        for start, end in reports:
            if text[start] in self._closing:
                continue
            held = [mark for mark in marks if start <= mark[0] < end]
            outside = list(text[start:end])
            for mark_start, mark_end in held:
                outside[mark_start - start : mark_end - start] = " " * (mark_end - mark_start)
            if held and not any(word in "".join(outside) for word in self._informal):
                inner.extend(held)
        return inner

    def _frame_spans(self, normalised: Normalised) -> tuple[list[Span], list[Span]]:
        """The reported words after each frame, and (sixteenth wave) each frame together with
        the quotation in marks it opens."""
        view = normalised.view
        found: list[Span] = []
        text = normalised.original
        framed: list[Span] = []
        for frame, unless, marked_only in self._frames:
            blocked = [m.span() for u in unless for m in u.finditer(view)]
            for match in frame.finditer(view):
                if match.end() <= match.start():
                    continue
                start, after = normalised.cp_span_of_view(match.start(), match.end())
                opens = self._opens_quote(text, after)
                # sixteenth wave: where a quotation in marks opens right after the frame, an
                # ``unless`` that reads into it reads the buyer's words, not the frame (您说“什么
                # 玩意儿”: say 什么 is no frame only when the agent asks 你说什么). A marked frame's
                # ``unless`` reads past the quotation on purpose (人家骂他"黑鬼"，说的就是你这种)
                against = [b for b in blocked if marked_only or not opens or b[1] <= match.end()]
                if overlaps(match.span(), against):
                    continue
                span = self._quoted_after(text, after)
                if span is None or (marked_only and text[span[0]] not in self._closing):
                    continue
                found.append(span)
                if opens:
                    framed.append((start, span[1]))
        return found, framed

    def _opens_quote(self, text: str, at: int) -> bool:
        """Whether a quotation in marks opens at ``at`` (after spaces, a colon or 的)."""
        while at < len(text) and (text[at] in _BEFORE_QUOTE or text[at] == "的"):
            at += 1
        return at < len(text) and text[at] in self._closing

    def _quoted_after(self, text: str, at: int) -> Span | None:
        start = at
        while start < len(text) and text[start] in _BEFORE_QUOTE:
            start += 1
        if start >= len(text):
            return None
        if text[start] == "的" and start + 1 < len(text) and text[start + 1] in self._closing:
            start += 1  # 您反馈的“傻瓜设计”: the quotation after a noun phrase of the report
        closing = self._closing.get(text[start])
        if closing is not None:
            end = text.find(closing, start + 1)
            return (start, end + 1 if end >= 0 else _clause_end(text, start + 1))
        if text[start] in _CLAUSE_END:
            return None
        return (start, _clause_end(text, start))


def _titled(text: str, titles: dict[str, str]) -> list[Span]:
    """Spans inside title marks (《白痴》), marks included."""
    spans = []
    for opening, closing in titles.items():
        start = text.find(opening)
        while start >= 0:
            end = text.find(closing, start + 1)
            if end < 0:
                break
            spans.append((start, end + 1))
            start = text.find(opening, end + 1)
    return spans


def _clause_end(text: str, start: int) -> int:
    for index in range(start, len(text)):
        if text[index] in _CLAUSE_END:
            return index
    return len(text)


def _set_aside_by(rule: Rule) -> Callable[[Span, Sequence[Span]], bool]:
    """A cue the learned model confirms (``learned_at_least``) reaches across the quote into
    the agent's own words (您说“…会吃亏的”，我们理解您的心情): it is set aside when it touches
    the buyer's words at all; any other match only when it lies inside them."""
    return overlaps if rule.learned_at_least is not None else inside_any


def inside_any(span: Span, outer: Sequence[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in outer)
