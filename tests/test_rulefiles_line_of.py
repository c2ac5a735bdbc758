"""rulefiles.line_of: the first line, at or after a start, that holds every needle; lines as
str.splitlines counts them (any line break), 1-based."""

from __future__ import annotations

from helper.rulefiles import line_of

TEXT = 'id = "a"\r\nterms = ["x"]\u2028[slots]\nname = ["id = "]\x0cother = 1\nname two\n'


def test_the_first_line_holding_every_needle() -> None:
    assert line_of(TEXT, "id = ") == 1
    assert line_of(TEXT, "id = ", start_line=2) == 4  # inside a value, after a U+2028 break
    assert line_of(TEXT, "name", "two") == 6  # line 4 holds "name" only
    assert line_of(TEXT, "other") == 5  # after a form feed
    assert line_of(TEXT, "[slots]", start_line=0) == 3


def test_no_line_when_no_line_holds_them() -> None:
    assert line_of(TEXT, "terms", start_line=3) is None
    assert line_of(TEXT, "name", "other") is None  # on lines of their own, not one
    assert line_of(TEXT, "x", start_line=7) is None  # past the end
    assert line_of(TEXT, "\n") is None  # a line break is in no line


def test_no_needles_is_the_start_line() -> None:
    assert line_of(TEXT, start_line=3) == 3
    assert line_of(TEXT, start_line=9) is None
