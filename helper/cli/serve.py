"""``helper serve``."""

from __future__ import annotations

import click

from helper.cli.common import settings_options
from helper.server import run_server
from helper.settings import Settings


@click.command()
@settings_options(rules=True, port=True)
def serve(settings: Settings) -> None:
    """Run the helper on 127.0.0.1 until Ctrl+C."""
    run_server(settings)
