"""``helper serve``."""

from __future__ import annotations

import click

from helper.cli.common import settings_options
from helper.server import run_server
from helper.settings import Settings


@click.command()
@settings_options(rules=True, port=True)
def serve(settings: Settings) -> None:
    """在 127.0.0.1 上运行助手，直到按 Ctrl+C。"""
    run_server(settings)
