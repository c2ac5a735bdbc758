"""Logging: a rotating file in the log directory; warnings also on stderr.

Message text and phone numbers never reach the log unless the user sets the debug option
``[logging] log_content = true``; code that wants to log content goes through ``redact``.
"""

from __future__ import annotations

import logging
import logging.handlers

from helper.settings import Settings

_log_content = False


def setup_logging(settings: Settings, *, to_stderr: bool = True) -> None:
    global _log_content
    _log_content = settings.logging.log_content
    settings.paths.log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        settings.paths.log_file,
        maxBytes=settings.logging.max_bytes,
        backupCount=settings.logging.backups,
        encoding="utf-8",
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(file_handler)
    if to_stderr:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(console)
    root.setLevel(settings.logging.level.upper())
    # A full disk or a vanished log directory must not turn every log line into a traceback
    # on the console: a line that cannot be written is dropped.
    logging.raiseExceptions = False
    # Alembic narrates every start at INFO; only its problems belong in our log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if _log_content:
        logging.getLogger(__name__).warning(
            "DEBUG OPTION ON: [logging] log_content = true writes message text and phone "
            "numbers into %s",
            settings.paths.log_file,
        )


def redact(text: str) -> str:
    """What may be logged of personal text: the text itself only with the debug option on."""
    return text if _log_content else f"<{len(text)} chars hidden>"
