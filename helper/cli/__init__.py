"""The ``helper`` command. Each sub-command lives in its own module here, imported only when
it runs: ``helper check`` on a chat export need not load the web server or the database
layer (a second of start-up on a slow machine)."""

from __future__ import annotations

import importlib

import click

from helper import __version__
from helper.cli.common import GuardedGroup

# command name -> "module:attribute" of the click command
_COMMANDS = {
    "serve": "helper.cli.serve:serve",
    "pair": "helper.cli.pair:pair",
    "token": "helper.cli.pair:token",
    "check": "helper.cli.check:check",
    "rules": "helper.cli.rules:rules",
    "contacts": "helper.cli.contacts:contacts",
    "complaints": "helper.cli.complaints:complaints",
    "db": "helper.cli.db:db",
    "team": "helper.cli.team:team",
}


class LazyGroup(GuardedGroup):
    """Imports a sub-command's module the first time the command is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is not None and cmd_name not in self.commands:
            module, attribute = target.split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="helper")
def main() -> None:
    """Workbench Guard helper: warns customer-service agents before they harass a buyer."""
