"""The Flask application factory."""

from __future__ import annotations

from flask import Flask

from helper.api import blueprints
from helper.api.envelope import install_envelope
from helper.api.errors import register_error_handlers
from helper.api.rowids import RowIdConverter
from helper.services import Services, build_services
from helper.settings import Settings


def create_app(
    settings: Settings, *, services: Services | None = None, background: bool = True
) -> Flask:
    """Build the app. ``background=False`` (tests, one-shot commands) starts no threads
    such as the reminder scheduler or the rule-file watcher."""
    svc = services or build_services(settings)
    app = Flask("helper")
    app.config.update(
        MAX_CONTENT_LENGTH=settings.server.max_body_bytes,
        JSON_AS_ASCII=False,
        TRAP_HTTP_EXCEPTIONS=False,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["wbg"] = svc
    app.url_map.converters["id"] = RowIdConverter
    register_error_handlers(app)
    install_envelope(app, svc)
    for blueprint in blueprints():
        app.register_blueprint(blueprint)
    for init_feature in _feature_initialisers():
        init_feature(app, svc, background)
    return app


def _feature_initialisers() -> list:
    """Features that load data or start threads at start-up: ``init(app, services, background)``.

    Each registers what it must stop with ``services.on_close``.
    """
    from helper import contacts
    from helper.checks.message import service as message_checks
    from helper.reminders import scheduler
    from helper.store import watch as store_watch
    from helper.warnings import counter as check_counter

    return [
        store_watch.init,
        message_checks.init,
        contacts.init,
        scheduler.init,
        check_counter.init,
    ]
