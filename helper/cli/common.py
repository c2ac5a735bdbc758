"""What every command shares: the data-directory options and one-line errors."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

from helper.paths import DATA_DIR_ENV
from helper.rulefiles import RuleFileError
from helper.settings import DB_URL_ENV, DB_URL_ENV_ALIAS, Settings, load_settings
from helper.times import parse_time

if TYPE_CHECKING:
    from helper.services import Services

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """A user error: one line in Chinese on stderr, exit code 1, no traceback."""

    def show(self, file: Any = None) -> None:
        click.secho(f"错误：{self.format_message()}", err=True, fg="red")


class GuardedGroup(click.Group):
    """Turns the errors a user can cause (bad config, locked DB, a mistyped command or
    option) into one-line Chinese messages with exit code 1.

    The root command uses it: every sub-command and sub-group runs inside its ``invoke``, so
    their usage errors pass through here too; ``make_context`` catches those of the root's own
    options (``helper --bogus``).
    """

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise CliError(usage_error_line(exc)) from exc

    def invoke(self, ctx: click.Context) -> Any:
        words = [*getattr(ctx, "_protected_args", ()), *ctx.args]  # click empties these
        try:
            return super().invoke(ctx)
        except RuleFileError as exc:
            raise CliError(str(exc)) from exc
        except CliError:
            raise
        except click.exceptions.NoArgsIsHelpError as exc:
            # A group typed alone (`helper contacts`): its help page, which is no error.
            click.echo(exc.format_message())
            ctx.exit(0)
        except click.UsageError as exc:
            raise CliError(usage_error_line(exc, _command_path(ctx, words))) from exc
        except click.ClickException as exc:
            raise CliError(exc.format_message()) from exc
        except Exception as exc:
            # StoreUnavailable comes only from a command that opened the store; looking its
            # class up among the loaded modules keeps the database layer (SQLAlchemy) out of
            # the start-up of commands that never use it, such as `helper check`.
            store = sys.modules.get("helper.store")
            if store is not None and isinstance(exc, store.StoreError):
                raise CliError(str(exc)) from exc
            raise


def usage_error_line(exc: click.UsageError, command_path: str | None = None) -> str:
    """One line: what is wrong (click's message, in Chinese through helper.cli.zh_click) and
    where the right usage is shown (``command_path`` when the error carries no context)."""
    if isinstance(exc, click.MissingParameter):
        message = _missing_parameter(exc)
    elif isinstance(exc, click.BadParameter):
        # Which option, what is wrong, instead of click's "Invalid value for '--x': ...".
        param = exc.param
        if isinstance(param, click.Option):
            name = param.opts[0]
        else:
            name = param.human_readable_name if param is not None else exc.param_hint
        message = f"{name}：{exc.message}" if name else exc.message
    else:
        message = exc.format_message()
    # click's choice lists span lines; a sentence it appends follows after a space.
    message = " ".join(message.split()).replace("。 ", "。").rstrip("。.")
    path = exc.ctx.command_path if exc.ctx is not None else command_path
    if path:
        message += f"{'' if message.endswith('？') else '。'}查看用法：{path} --help"
    return message


def _command_path(ctx: click.Context, words: list[str]) -> str:
    """The command a usage error belongs to, from the words typed after the root command
    (click raises some parser errors without their context)."""
    names = [ctx.command_path]
    command: click.Command = ctx.command
    for word in words:
        if not isinstance(command, click.Group):
            break
        sub = command.get_command(ctx, word)
        if sub is None:
            break
        names.append(word)
        command = sub
    return " ".join(names)


def _missing_parameter(exc: click.MissingParameter) -> str:
    param = exc.param
    if param is None:
        return exc.format_message()
    if isinstance(param, click.Option):
        text = f"缺少选项 {param.opts[0]}"
    else:
        text = f"缺少参数 {param.human_readable_name}"
    if param.help:
        text += f"（{param.help.rstrip('。')}）"
    choices = param.type.get_missing_message(param=param, ctx=exc.ctx)
    return f"{text}。{' '.join(choices.split())}" if choices else text


class TimeParam(click.ParamType):
    """An ISO 8601 time option; without an offset it is Beijing time."""

    name = "时间"

    def convert(self, value: Any, param: Any, ctx: Any) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return parse_time(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


TIME = TimeParam()


@contextmanager
def open_services(settings: Settings) -> Iterator[Services]:
    """The helper's services (store, rules) for one command, closed afterwards."""
    from helper.services import build_services  # the database layer, only when used

    svc = build_services(settings)
    try:
        yield svc
    finally:
        svc.close()


def settings_options(*, rules: bool = False, port: bool = False) -> Callable[[F], F]:
    """Adds ``--data-dir`` (env HELPER_DATA_DIR) and ``--db`` (env HELPER_DATABASE_URL, or
    its older name HELPER_DB_URL), plus
    ``--rules`` / ``--port`` where asked, and passes the loaded ``settings`` to the command."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, data_dir: str | None, db: str | None, **kwargs: Any) -> Any:
            rules_dir = kwargs.pop("rules_dir", None)
            port_value = kwargs.pop("port", None)
            settings = load_settings(data_dir, port=port_value, rules_dir=rules_dir, db_url=db)
            return command(*args, settings=settings, **kwargs)

        options = [
            click.option(
                "--data-dir",
                envvar=DATA_DIR_ENV,
                type=click.Path(file_okay=False),
                help=f"数据、配置和日志所在目录（环境变量 {DATA_DIR_ENV}）。",
            ),
            click.option(
                "--db",
                envvar=[DB_URL_ENV, DB_URL_ENV_ALIAS],
                metavar="URL",
                help=(
                    "数据库 URL（默认：数据目录中的 SQLite；团队模式用 postgresql+psycopg://…）。"
                    f"环境变量 {DB_URL_ENV}（旧名 {DB_URL_ENV_ALIAS} 仍可用）。"
                ),
            ),
        ]
        if rules:
            options.append(
                click.option(
                    "--rules",
                    "rules_dir",
                    type=click.Path(exists=True, file_okay=False),
                    help="额外的规则目录，其中的文件覆盖自带规则。",
                )
            )
        if port:
            options.append(
                click.option(
                    "--port", type=click.IntRange(1, 65535), help="127.0.0.1 上的 TCP 端口。"
                )
            )
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


__all__ = ["TIME", "CliError", "GuardedGroup", "Settings", "open_services", "settings_options"]
