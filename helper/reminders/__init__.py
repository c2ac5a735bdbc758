"""Reminders that are never lost: rows in the store, triggered by APScheduler, delivered to
the desktop and to each client's queue exactly once."""
