"""The normaliser: two views of a message, each unit mapped back to the text as typed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from helper.checks.message.normalise import BREAK, Normaliser, utf16_index
from tests.message_support import shipped_engine

DATA = Path(__file__).parent / "data"


def normaliser() -> Normaliser:
    return shipped_engine().rules.normaliser


# Chinese, ASCII, emoji (astral), zero-width, combining marks, compatibility characters and
# lone surrogates: whatever a JSON string or a chat export can carry.
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.characters(categories=["Cs"]),
        st.sampled_from(list("傻逼你妈的滚著沙比ＳＢ⼈⾁\u200b\u200d\ufeff😊👍🏻\u0301。，.-")),
    ),
    max_size=60,
)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_every_unit_maps_inside_the_original_text(text: str) -> None:
    result = normaliser().normalise(text)
    assert len(result.view) == len(result.view_start) == len(result.view_end)
    assert len(result.keys) == len(result.key_start) == len(result.key_end)
    for start, end in zip(result.view_start, result.view_end, strict=True):
        assert 0 <= start < end <= len(text)
    for start, end in zip(result.key_start, result.key_end, strict=True):
        assert 0 <= start < end <= len(text)
    assert result.view_start == sorted(result.view_start)
    assert result.key_start == sorted(result.key_start)


@given(_TEXT)
@settings(max_examples=500, deadline=None)
def test_the_quick_views_are_the_views_of_the_full_normalisation(text: str) -> None:
    # ``views`` clears most messages before ``normalise`` runs: both must read the same.
    views = normaliser().views(text)
    result = normaliser().normalise(text)
    assert (views.view, views.keys) == (result.view, result.keys)
    assert normaliser().normalise(text, views) == result


def test_the_quick_views_agree_on_the_corpora() -> None:
    lines = (DATA / "normal_replies.txt").read_text(encoding="utf-8").splitlines()
    lines += (DATA / "violations.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        views = normaliser().views(line)
        result = normaliser().normalise(line)
        assert (views.view, views.keys) == (result.view, result.keys), line
        assert normaliser().normalise(line, views) == result, line


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_findings_point_at_what_was_typed(text: str) -> None:
    for finding in shipped_engine().check(text).findings:
        assert 0 <= finding.start_cp < finding.end_cp <= len(text)
        assert finding.match == text[finding.start_cp : finding.end_cp]
        # UTF-16 offsets count surrogate pairs as two units, the way JavaScript does
        prefix = text[: finding.start_cp].encode("utf-16-le", "surrogatepass")
        assert finding.start == len(prefix) // 2
        upto = text[: finding.end_cp].encode("utf-16-le", "surrogatepass")
        assert finding.end == len(upto) // 2


def test_utf16_offsets_count_emoji_as_two_units() -> None:
    assert utf16_index("abc", 2) == 2
    assert [utf16_index("😊傻👍🏻", cp) for cp in range(5)] == [0, 2, 3, 5, 7]


def test_emoji_before_a_hit_shifts_utf16_but_not_code_points() -> None:
    text = "😊👍🏻你个傻逼"
    [finding] = shipped_engine().check(text).findings
    assert (finding.start_cp, finding.end_cp) == (5, 7)
    assert (finding.start, finding.end) == (8, 10)
    assert finding.match == "傻逼"


def test_separators_vanish_and_sentence_punctuation_marks_a_break() -> None:
    result = normaliser().normalise("傻 *😊.\u200b逼。你好！")
    assert result.view == f"傻逼{BREAK}你好{BREAK}"


def test_traditional_full_width_and_case_fold() -> None:
    assert normaliser().normalise("媽ＳＢ你等著").view == "妈sb你等着"


def test_kangxi_radicals_fold_to_the_characters_they_stand_for() -> None:
    assert normaliser().normalise("⼈⾁").view == "人肉"


def test_a_picture_reads_as_the_word_it_stands_for_and_maps_back_to_itself() -> None:
    # rules/message/normalise.toml: 📷 = "照片" (a lookalike may stand for a whole word)
    text = "你的📷我有"
    result = normaliser().normalise(text)
    assert result.view == "你的照片我有"
    start, end = result.cp_span_of_view(2, 4)
    assert text[start:end] == "📷"
    assert normaliser().views(text).view == result.view


def test_homophones_share_keys() -> None:
    keys = {normaliser().normalise(word).keys for word in ("傻逼", "煞笔", "沙比", "傻傻傻逼")}
    assert len(keys) == 1


def test_repeats_collapse_in_keys_but_not_in_the_pattern_view() -> None:
    result = normaliser().normalise("滚滚滚")
    assert result.view == "滚滚滚"
    assert len(result.keys) == 1
    assert (result.key_start[0], result.key_end[0]) == (0, 3)


def test_digits_do_not_collapse() -> None:
    assert normaliser().normalise("1001").keys == "1001"


def test_lone_surrogates_are_separators_not_errors() -> None:
    result = normaliser().normalise("傻\ud800逼")
    assert result.view == "傻逼"
