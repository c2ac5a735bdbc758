"""The ``helper`` command. Each sub-command lives in its own module here."""

from __future__ import annotations

import click

from helper import __version__
from helper.cli.common import GuardedGroup


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="helper")
def main() -> None:
    """Workbench Guard helper: warns customer-service agents before they harass a buyer."""


def _register() -> None:
    from helper.cli import check, complaints, contacts, pair, rules, serve

    main.add_command(serve.serve)
    main.add_command(pair.pair)
    main.add_command(pair.token)
    main.add_command(check.check)
    main.add_command(rules.rules)
    main.add_command(contacts.contacts)
    main.add_command(complaints.complaints)


_register()
