"""click's own words in Simplified Chinese: help headings, usage errors, parameter-type errors.

click passes every text it shows through ``gettext`` (``from gettext import gettext as _`` in
each of its modules), which is its documented way to be translated. gettext proper would pick
the language from LANGUAGE/LANG, which agents' Windows PCs do not set, and needs compiled
``.mo`` files; so ``install()`` points those module-level ``_`` / ``ngettext`` names at this
catalog instead, once, before any command is defined. A text missing from the catalog stays
English, and tests/test_cli_chinese.py walks every command's help and every usage error to
catch that.
"""

from __future__ import annotations

import importlib
import unicodedata

import click

# click's message ids (exactly as in its source) -> Chinese. Placeholders are kept.
CATALOG: dict[str, str] = {
    # help pages
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "env var: {var}": "环境变量：{var}",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已取消。",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接执行。",
    # usage errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "查看用法：{command} {option}",
    "No such option {name!r}.": "没有选项 {name}。",
    "No such command {name!r}.": "没有命令 {name}。",
    "Did you mean {possibility}?": "您是不是要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（您是不是要用其中之一：{possibilities}？）",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少 {param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name} 不接受值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值。",
    "Value must be an iterable.": "值必须是一个列表。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    # parameter types
    "Choose from:\n\t{choices}": "可选：{choices}",
    "{value!r} is not {choice}.": "{value!r} 不是可选值，只能是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值，可选：{choices}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} 不是有效的布尔值，可用：{states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats}。",
    "{len_type} values are required, but {len_value} was given.": (
        "需要 {len_type} 个值，给了 {len_value} 个。"
    ),
    "{len_type} values are required, but {len_value} were given.": (
        "需要 {len_type} 个值，给了 {len_value} 个。"
    ),
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件，这里需要目录。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个目录，这里需要文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行。",
}

# click's parameter types name themselves in errors ("{value!r} is not a valid {number_type}.")
# and, upper-cased, as the placeholder of an option's value on help pages.
_TYPE_NAMES = {
    "StringParamType": "文本",
    "IntParamType": "整数",
    "IntRange": "整数",
    "FloatParamType": "数字",
    "FloatRange": "数字",
    "BoolParamType": "是否",
    "DateTime": "时间",
    "File": "文件",
}

_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
)


class ChineseHelpFormatter(click.HelpFormatter):
    """Chinese punctuation on help pages: 「选项：」 rather than 「选项:」, 「用法：helper」."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, CATALOG["Usage:"] if prefix is None else prefix)


def display_width(text: str) -> int:
    """Terminal columns: a Chinese character (East Asian wide or full-width) takes two."""
    plain = click.unstyle(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in plain)


def gettext(message: str) -> str:
    return CATALOG.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Make click speak Chinese. Idempotent; must run before commands are decorated (the
    help option's text is taken when the decorator runs)."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    click.Context.formatter_class = ChineseHelpFormatter
    # Help pages align option descriptions by this; click counts characters, not columns.
    importlib.import_module("click.formatting").term_len = display_width  # type: ignore[attr-defined]
    types = importlib.import_module("click.types")
    for class_name, chinese in _TYPE_NAMES.items():
        getattr(types, class_name).name = chinese
