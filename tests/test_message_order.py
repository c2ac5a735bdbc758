"""A verdict never depends on what was checked before: the same text gets the same engine JSON
whatever was checked earlier in the process, in whatever order, in another thread or in a
fresh process.

The engine keeps state between checks on purpose (the slot matcher's last candidates per
thread, the real-word gate's answers for the text in hand, patterns compiled and RE2 DFA
states built on first need, lazily read tables); each of these must give the answer a fresh
engine gives. The texts reach that state's paths: long joined messages (windows, the learned
model asked before RE2 reads, the respelled view), a quoted report of the buyer's words next
to the agent's own (quoted speech set aside), and the team's violations and ordinary replies
(docs/message-checks.md, "Eighth wave: check path").
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.message_support import shipped_engine

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
# Written for this test: the buyer's words reported back (你说了…) beside the agent's own
# persistence, which learned-model rules read across; and the same words without the report.
QUOTED_AND_OWN = [
    "你说了别再打电话，可我还是会一直打，打到你把差评删掉为止",
    "您刚才说不想接电话，但是我们还是要打，直到您改评价为止",
    "我还是要打，直到你改评价为止",
    "你说了不要再联系你，我们记下了，不会再打扰您",
]

# One check of a text in a fresh process, both ways the engine is asked (verdict_diff.py's).
_FRESH = """
import json, sys
from tests.message_support import shipped_engine
engine = shipped_engine()
out = []
for text in json.loads(sys.stdin.read()):
    out.append([engine.check(text, "taobao").json_text(),
                json.dumps(engine.check(text, one_per_span=False).to_json(), ensure_ascii=False)])
print(json.dumps(out, ensure_ascii=False))
"""


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def order_texts() -> tuple[str, ...]:
    """A sample of the corpora, long messages joined from them, and the quoted reports."""
    rows = [row.split("\t")[-1] for row in _lines(DATA / "violations.tsv")[1:]]
    replies = _lines(DATA / "normal_replies.txt")
    drafts = [
        row.split("\t")[-1]
        for row in _lines(DATA / "dev" / "structure" / "drafts.tsv")
        if not row.startswith("#")
    ]
    rng = random.Random(20261130)
    lines = rows + replies + drafts
    sample = rng.sample(rows, 80) + rng.sample(replies, 60) + rng.sample(drafts, 80)
    joined = []
    for length in (150, 500, 1200):
        for _ in range(12):
            text = ""
            while len(text) < length:
                text += rng.choice(lines)
            joined.append(text[:length])
    return tuple(sample + joined + QUOTED_AND_OWN)


def _answers(text: str) -> tuple[str, str]:
    engine = shipped_engine()
    return (
        engine.check(text, "taobao").json_text(),
        json.dumps(engine.check(text, one_per_span=False).to_json(), ensure_ascii=False),
    )


@lru_cache(maxsize=1)
def fresh_answers() -> dict[str, tuple[str, str]]:
    """Each text's answers from a new process that checks them in reverse order."""
    texts = list(reversed(order_texts()))
    done = subprocess.run(
        [sys.executable, "-c", _FRESH],
        input=json.dumps(texts, ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    return {text: tuple(pair) for text, pair in zip(texts, json.loads(done.stdout), strict=True)}


def test_the_texts_reach_the_stateful_paths() -> None:
    """The sample is worth ordering: learned-model rules match in it, and a quoted report's
    words are set aside next to a finding of the agent's own."""
    found = {
        finding["rule_id"]
        for pair in fresh_answers().values()
        for finding in json.loads(pair[1])["findings"]
    }
    learned = {rule.id for rule in shipped_engine().rules.book.rules if rule.learned_at_least}
    assert len(found & learned) >= 3
    assert any(len(text) >= 500 for text in order_texts())
    assert fresh_answers()[QUOTED_AND_OWN[2]] != fresh_answers()[QUOTED_AND_OWN[1]]


def test_checked_in_order_and_backwards_as_a_fresh_process_does() -> None:
    fresh = fresh_answers()
    texts = order_texts()
    forward = [_answers(text) for text in texts]
    backward = [_answers(text) for text in reversed(texts)][::-1]
    for text, first, second in zip(texts, forward, backward, strict=True):
        assert first == fresh[text], text
        assert second == fresh[text], text


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_any_order_gives_a_fresh_processs_answers(data: st.DataObject) -> None:
    """Hypothesis picks a run of texts and their order (repeats allowed): a text checked right
    after any others, or twice in a row, answers as in a fresh process."""
    texts = order_texts()
    picks = data.draw(st.lists(st.integers(0, len(texts) - 1), min_size=2, max_size=40))
    fresh = fresh_answers()
    for index in picks:
        assert _answers(texts[index]) == fresh[texts[index]], texts[index]


def test_two_threads_checking_at_once_get_a_fresh_processs_answers() -> None:
    """``helper serve`` checks in several threads: one thread's check never leaks into
    another's (the slot matcher's last candidates are per thread)."""
    fresh = fresh_answers()
    texts = list(order_texts())
    wrong: list[str] = []

    def run(order: list[str]) -> None:
        for text in order:
            if _answers(text) != fresh[text]:
                wrong.append(text)

    threads = [threading.Thread(target=run, args=(order,)) for order in (texts, texts[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
