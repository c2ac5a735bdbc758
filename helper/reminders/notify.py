"""Desktop notifications through desktop-notifier, degrading to a log line.

Where the OS has no notification service (CI, a server, a locked-down PC) desktop-notifier
fails or, on some systems, never answers. Each notification therefore runs in its own thread
with its own event loop and a time limit; success is known only from desktop-notifier's
"dispatched" callback. Anything else becomes one log line, and the reminder still reaches the
extension through the queue.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from desktop_notifier import DesktopNotifier

from helper.logsetup import redact

log = logging.getLogger(__name__)

APP_NAME = "Workbench Guard 工作台卫士"

# desktop-notifier logs every failed attempt with a traceback; our own line says enough.
logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)


class DesktopNotify:
    def __init__(self, *, enabled: bool, timeout_seconds: float) -> None:
        self._enabled = enabled
        self._timeout = timeout_seconds
        self._warned = False

    def notify(
        self, reminder_id: int, title: str, body: str, *, own_text: bool, overdue: bool
    ) -> bool:
        """Show a notification; True if the OS took it. ``own_text`` says the wording is the
        helper's own (it holds no personal data and may be logged)."""
        if self._enabled and self.show(title, body):
            log.info("reminder #%d shown on the desktop", reminder_id)
            return True
        if self._enabled and not self._warned:
            self._warned = True
            log.warning("desktop notifications unavailable; reminders go to the extension queue")
        shown_title = title if own_text else redact(title)
        shown_body = body if own_text else redact(body)
        late = " [逾期 overdue]" if overdue else ""
        log.warning("reminder #%d%s: %s | %s", reminder_id, late, shown_title, shown_body)
        return False

    def show(self, title: str, body: str) -> bool:
        """Show one notification of the helper's own (no personal data); True if shown."""
        dispatched = threading.Event()

        async def send() -> None:
            notifier = DesktopNotifier(app_name=APP_NAME)
            await notifier.send(title=title, message=body, on_dispatched=dispatched.set)

        def run() -> None:
            try:
                asyncio.run(asyncio.wait_for(send(), self._timeout))
            except Exception as exc:  # any failure means "no notification service"
                log.debug("desktop notification failed: %s", type(exc).__name__)

        worker = threading.Thread(target=run, name="desktop-notify", daemon=True)
        worker.start()
        # A daemon thread stuck in a broken notification service cannot hold the helper up.
        worker.join(self._timeout + 1)
        return dispatched.is_set()
