"""HTTP API under /v1/. Each feature has a blueprint module; ``blueprints()`` lists them."""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> list[Blueprint]:
    from helper.api import (
        allowances,
        check,
        complaints,
        contacts,
        core,
        evidence,
        reminders,
        snippets,
        team,
        warnings,
    )

    return [
        core.bp,
        check.bp,
        contacts.bp,
        complaints.bp,
        evidence.bp,
        reminders.bp,
        snippets.bp,
        warnings.bp,
        allowances.bp,
        team.bp,
    ]
