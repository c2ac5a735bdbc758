"""The gate19 branch of the nineteenth wave: which parts of a long message may rescue a match of a
rule gated by the learned model. Since the eighteenth wave a match of such a rule stands where a
run of whole clauses it touches (`clause_windows`) scores above the rule's bar, even when the whole
message scores below it; a delivery note's clauses (the listener, the door, a photo) could do that
alone. A rule's `learned_parts_need` (slot classes, in the rule file) now asks that a rescuing
part hold a word of one of them (part_evidence.py). Real engine over the shipped rules, learned
model included."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.checks.message import engine as engine_module
from helper.checks.message.part_evidence import part_may_rescue
from helper.checks.message.rules import SUBDIR, lint_rules
from helper.rulefiles import shipped_rules_dir
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import copied_rules, fires, rule_ids, shipped_engine

BAR = 0.82  # threat.overall's learned_at_least

# delivery notes written by the branch (the family the lead's write-up named): the whole message
# scores below the bar and one run of its clauses above it; main blocked each by threat.overall
DELIVERY_NOTES = [
    "亲，快递员到您家楼下打电话您没接，就把包裹放在您家门口了，还拍了照片，照片我发给您",
    "您好，师傅到了您家楼下，打您电话没人接，就把冰箱先放在您家门口了，拍了照片，照片发您微信了",
]

# the same service talk with a menace (后果自负) or the dispute (投诉) in the clause that scores
# high: the part still rescues threat.overall's match
PREFIX = "亲，快递员说您不在家，包裹已经放在您家门口的鞋柜上并拍了照片，照片稍后发您，"
MENACED = [
    PREFIX + "再给差评的话，你家门口放的可就不是包裹了，后果自负",
    "亲，您的订单已经发货了，顺丰单号已经同步到订单里，预计后天送到，再给差评的话，你家门口放的"
    "可就不是包裹了，后果自负",
]


def _without_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "clause_windows", lambda text, size=40: [])


def test_threat_overall_names_its_menace_classes_and_the_dispute() -> None:
    rule = shipped_engine().rules.rules["threat.overall"]
    assert {"menace", "act", "harm", "legal", "dare", "dispute"} <= set(rule.learned_parts_need)
    # the listener's place, people, times and details are cue classes, not menace evidence
    assert not {"you", "abode", "place", "kin", "watch", "exposed", "later", "held"} & set(
        rule.learned_parts_need
    )


@pytest.mark.parametrize("note", DELIVERY_NOTES)
def test_a_delivery_note_whose_part_scores_high_passes(note: str) -> None:
    model = shipped_engine().rules.book.model
    assert model.score(note) < BAR
    assert any(model.score(note[s:e]) >= BAR for s, e in engine_module.clause_windows(note))
    assert shipped_engine().check(note).verdict == "ok", rule_ids(note)


@pytest.mark.parametrize("draft", MENACED)
def test_a_part_with_menace_words_still_rescues_the_match(draft: str, monkeypatch) -> None:
    assert shipped_engine().rules.book.model.score(draft) < BAR
    assert fires(shipped_engine(), draft, "threat.overall")
    assert shipped_engine().check(draft).verdict == "block"
    _without_parts(monkeypatch)  # the part, not the whole message, let it stand
    assert not fires(shipped_engine(), draft, "threat.overall")


def test_the_diluted_complaint_menace_of_the_long_branch_still_stands() -> None:
    # no word of the menace classes (想想, 晚上, 路灯): the dispute (投诉) makes the part eligible
    draft = (
        "亲，运费我们已经承担了，退款也在走流程，您耐心等两天，"
        "不过投诉之前想想你住的那个小区，晚上路灯可不太亮"
    )
    assert shipped_engine().check(draft).verdict == "block", rule_ids(draft)


def test_without_the_rule_data_a_delivery_note_is_blocked_again(tmp_path: Path) -> None:
    rules = copied_rules(tmp_path)
    threat = rules / SUBDIR / "threat.toml"
    text = threat.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("learned_parts_need")]
    assert len(lines) < len(text.splitlines())
    threat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = MessageEngine.load([rules])
    assert engine.rules.rules["threat.overall"].learned_parts_need == ()
    assert fires(engine, DELIVERY_NOTES[0], "threat.overall")
    assert not fires(shipped_engine(), DELIVERY_NOTES[0], "threat.overall")


def test_evidence_is_read_on_the_normalised_view_and_must_lie_inside_the_part() -> None:
    engine = shipped_engine()
    rules = engine.rules
    rule = rules.rules["threat.overall"]
    text = "亲，包裹放在您家門口了，拍了照片發給您，再給差評，後果自負"  # Traditional: 後果自負
    normalised = rules.normaliser.normalise(text, rules.normaliser.views(text))
    found = rules.part_evidence.spans(rule, normalised)
    assert found and {text[s:e] for s, e in found} >= {"差評", "後果", "後果自負"}
    late = text.index("再給")
    assert part_may_rescue(found, late, len(text))
    assert not part_may_rescue(found, 0, late)  # the delivery clauses hold no menace word
    assert part_may_rescue(None, 0, 1)  # a rule naming no class: any part


def test_a_rule_naming_no_class_reads_every_part() -> None:
    rules = shipped_engine().rules
    rule = rules.rules["threat.pressed"]
    assert rule.learned_parts_need == ()
    normalised = rules.normaliser.normalise("你好", rules.normaliser.views("你好"))
    assert rules.part_evidence.spans(rule, normalised) is None


RULE = (
    '[[rule]]\nid = "threat.mine"\nscene = "threat"\nseverity = "ordinary"\n'
    'message = "威胁"\nwhy = "威胁"\nsuggestion = "请改写"\n{keys}'
    'slots = ["you ~4 harm"]\nflag = ["你会倒霉"]\npass = ["您好"]\n'
)


@pytest.mark.parametrize(
    "keys",
    [
        'learned_parts_need = ["menace"]\n',  # no learned_at_least
        'learned_at_least = 0.9\nlearned_parts_need = "menace"\n',  # not a list
        'learned_at_least = 0.9\nlearned_parts_need = ["no_such_class"]\n',
    ],
)
def test_learned_parts_need_is_checked_at_lint(tmp_path: Path, keys: str) -> None:
    (tmp_path / SUBDIR).mkdir()
    (tmp_path / SUBDIR / "mine.toml").write_text(RULE.format(keys=keys), encoding="utf-8")
    problems = lint_rules([shipped_rules_dir(), tmp_path])
    assert [p.path.name for p in problems] == ["mine.toml"]
    assert "learned_parts_need" in problems[0].reason


def test_a_known_class_lints_clean(tmp_path: Path) -> None:
    (tmp_path / SUBDIR).mkdir()
    keys = 'learned_at_least = 0.9\nlearned_parts_need = ["menace", "harm"]\n'
    (tmp_path / SUBDIR / "mine.toml").write_text(RULE.format(keys=keys), encoding="utf-8")
    assert lint_rules([shipped_rules_dir(), tmp_path]) == []


def test_training_never_reads_the_branchs_held_out_set() -> None:
    held = DEV / "structure" / "wave23b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
    assert DEV / "structure" / "wave23" not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
