"""The reminder scheduler: APScheduler triggers, the ``reminders`` table decides.

Jobs are rebuilt from the table at start and re-synced every ``sync_seconds`` (so reminders
written by another process, such as ``helper complaints add``, are picked up). Each job has a
stable id (``reminder-<id>``), no misfire limit and coalescing on, so a reminder due while the
helper was down fires once at the next start. The job re-reads the row in a write
transaction before it acts, so a cancelled, answered or snoozed reminder never fires.

Only ``helper serve`` creates a scheduler, and it holds the data directory's lock: one
scheduler per data directory. Commands and tests build the app with ``background=False``.
On a team database every agent's helper runs its own scheduler over the shared table; each
schedules only what its own agent has not been shown (``reminder_agents``), and the insert in
``fire`` makes sure an agent gets a reminder once even if two of its helpers race. No job
store is shared: the table is the truth.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from helper.complaints.service import recompute_provisional
from helper.reminders import service as reminder_rows
from helper.reminders.notify import DesktopNotify
from helper.services import Services
from helper.store import StoreUnavailable

log = logging.getLogger(__name__)

_JOB_PREFIX = "reminder-"
# Provisional deadlines are recomputed daily, shortly after midnight platform time.
_PLATFORM_TZ = "Asia/Shanghai"


class ReminderScheduler:
    def __init__(self, svc: Services, notify: DesktopNotify) -> None:
        self._svc = svc
        self._notify = notify
        self._overdue_after = timedelta(seconds=svc.settings.reminders.overdue_after_seconds)
        self._lock = threading.Lock()
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    def start(self) -> None:
        self.recompute_deadlines()
        self._scheduler.start()
        self.sync()
        self._scheduler.add_job(
            self.sync,
            IntervalTrigger(seconds=max(1, self._svc.settings.reminders.sync_seconds)),
            id="reminders-sync",
            replace_existing=True,
        )
        self._scheduler.add_job(
            self.recompute_deadlines,
            CronTrigger(hour=0, minute=5, timezone=_PLATFORM_TZ),
            id="deadlines-recompute",
            replace_existing=True,
        )

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def sync(self) -> None:
        """Make the jobs match the pending rows: add new ones, move snoozed ones, drop the
        cancelled and answered."""
        with self._svc.store.read() as conn:
            wanted = {
                f"{_JOB_PREFIX}{r.id}": r for r in reminder_rows.to_fire(conn, self._svc.agent)
            }
        with self._lock:
            for job in self._scheduler.get_jobs():
                if job.id.startswith(_JOB_PREFIX) and job.id not in wanted:
                    job.remove()
            for job_id, reminder in wanted.items():
                job = self._scheduler.get_job(job_id)
                if job is not None and job.trigger.run_date == reminder.due_at:
                    continue
                self._scheduler.add_job(
                    self._fire,
                    DateTrigger(run_date=reminder.due_at),
                    args=[reminder.id],
                    id=job_id,
                    replace_existing=True,
                )

    def recompute_deadlines(self) -> None:
        try:
            changed = recompute_provisional(self._svc)
        except Exception:
            log.exception("recomputing provisional deadlines failed")
            return
        if changed:
            log.info("recomputed %d provisional complaint deadlines", changed)

    def _fire(self, reminder_id: int) -> None:
        try:
            with self._svc.store.write() as conn:
                reminder = reminder_rows.fire(
                    conn, reminder_id, self._svc.agent, self._svc.clock(), self._overdue_after
                )
        except StoreUnavailable as exc:
            # Still not shown to this agent in the table: the next sync schedules it again.
            log.warning(
                "reminder #%d not fired now, retried at the next sync: %s", reminder_id, exc
            )
            return
        if reminder is None:
            return
        title, body = reminder.worded(reminder.fired_late)
        self._notify.notify(
            reminder.id,
            title,
            body,
            own_text=reminder.kind == "evidence",
            overdue=reminder.fired_late,
        )


def init(app: object, svc: Services, background: bool) -> None:
    """Feature initialiser: start the scheduler in ``helper serve`` only."""
    if not background:
        return
    settings = svc.settings.reminders
    scheduler = ReminderScheduler(
        svc,
        DesktopNotify(enabled=settings.desktop, timeout_seconds=settings.desktop_timeout_seconds),
    )
    scheduler.start()
    svc.reminder_scheduler = scheduler
    svc.on_close(scheduler.stop)
