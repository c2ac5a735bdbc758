"""The pack as JSON, Markdown or one self-contained, printable HTML file (Jinja2, which
Flask already brings; HTML autoescaped)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from helper.times import beijing

FORMATS = ("html", "md", "json")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


def _css_string(value: object) -> str:
    """Text inside a CSS string (the @page header): no quote or backslash can end it."""
    return "".join(ch if ch not in '"\\\n\r' else " " for ch in str(value))


def _markdown_cell(value: object) -> str:
    return str(value).replace("|", "｜").replace("\n", " ")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("helper.evidence", "templates"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    env.filters.update(beijing=beijing, css_string=_css_string, md=_markdown_cell)
    return env


def render(pack: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(pack, ensure_ascii=False, indent=2) + "\n"
    return _environment().get_template(f"pack.{fmt}").render(pack=pack)
