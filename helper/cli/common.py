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
    """Turns the errors a user can cause (bad config, locked DB) into one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RuleFileError as exc:
            raise CliError(str(exc)) from exc
        except click.BadParameter as exc:
            # One line in Chinese instead of click's usage block: which option, what is wrong.
            name = exc.param.opts[0] if exc.param is not None and exc.param.opts else exc.param_hint
            raise CliError(f"{name}：{exc.message}" if name else exc.message) from exc
        except Exception as exc:
            # StoreUnavailable comes only from a command that opened the store; looking its
            # class up among the loaded modules keeps the database layer (SQLAlchemy) out of
            # the start-up of commands that never use it, such as `helper check`.
            store = sys.modules.get("helper.store")
            if store is not None and isinstance(exc, store.StoreError):
                raise CliError(str(exc)) from exc
            raise


class TimeParam(click.ParamType):
    """An ISO 8601 time option; without an offset it is Beijing time."""

    name = "TIME"

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
                help=f"Directory for data, config and logs (env {DATA_DIR_ENV}).",
            ),
            click.option(
                "--db",
                envvar=[DB_URL_ENV, DB_URL_ENV_ALIAS],
                metavar="URL",
                help=(
                    "Database URL (default: SQLite in the data directory; "
                    "postgresql+psycopg://… for team mode). "
                    f"Env {DB_URL_ENV} (or the older {DB_URL_ENV_ALIAS})."
                ),
            ),
        ]
        if rules:
            options.append(
                click.option(
                    "--rules",
                    "rules_dir",
                    type=click.Path(exists=True, file_okay=False),
                    help="Extra rules directory; its files override shipped ones.",
                )
            )
        if port:
            options.append(
                click.option("--port", type=click.IntRange(1, 65535), help="TCP port on 127.0.0.1.")
            )
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


__all__ = ["TIME", "CliError", "GuardedGroup", "Settings", "open_services", "settings_options"]
