"""What an allowance silences, in the words the agent reads.

A lexicon finding's allowance names a word. A pattern or slot finding's term is its rule id
(``helper.checks.message.engine.Finding.term``), so 「以后不再提示」 on one silences every
sentence of that rule's shapes, not only the one on screen: the description says so, naming
the rule's scene and message. The options page and ``helper rules allow list`` show this text;
the extension's card says the same before the click (_locales ``allowSilencesTerm`` /
``allowSilencesRule``), which tests/e2e/test_allow_scope.py compares.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from helper.platforms import SCENE_NAMES


def silences(rules: Mapping[str, Any], term: str) -> dict[str, str]:
    """``{"kind": "term", "text"}`` for a word, or ``{"kind": "rule", "rule_id", "text"}``
    when ``term`` is the id of a rule in ``rules``."""
    rule = rules.get(term.strip())
    if rule is None:
        return {"kind": "term", "text": f"“{term}”这个词"}
    scene = SCENE_NAMES.get(rule.scene, rule.scene)
    return {
        "kind": "rule",
        "rule_id": rule.id,
        "text": f"「{scene}：{rule.message}」这一类句子（整条规则，所有这类句子都不再提示）",
    }
