"""Each view declares its OpenAPI operation next to its code; the document is built from the
app's URL map, so it cannot drift from the routes. The envelope reads ``auth`` from here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask

from helper import __version__

F = TypeVar("F", bound=Callable[..., Any])

_ATTRIBUTE = "_wbg_operation"
_CONVERTER = re.compile(r"<(?:[a-z_]+:)?([a-zA-Z_]+)>")


@dataclass(frozen=True)
class Operation:
    summary: str
    request: dict[str, Any] | None = None
    response: dict[str, Any] | None = None
    auth: bool = True
    errors: tuple[int, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)


def operation(
    summary: str,
    *,
    request: dict[str, Any] | None = None,
    response: dict[str, Any] | None = None,
    auth: bool = True,
    errors: tuple[int, ...] = (),
    tags: tuple[str, ...] = (),
) -> Callable[[F], F]:
    """Describe a view: summary, JSON schemas of its body and answer, whether it needs a token."""

    def decorate(view: F) -> F:
        setattr(view, _ATTRIBUTE, Operation(summary, request, response, auth, errors, tags))
        return view

    return decorate


def operation_of(view: Callable[..., Any] | None) -> Operation | None:
    return getattr(view, _ATTRIBUTE, None)


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "request_id": {"type": "string"},
            },
        }
    },
}


def build_openapi(app: Flask) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/v1/"):
            continue
        op = operation_of(app.view_functions.get(rule.endpoint))
        if op is None:
            continue
        path = _CONVERTER.sub(r"{\1}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _describe(op, rule.arguments)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Workbench Guard helper", "version": __version__},
        "servers": [
            {"url": "http://127.0.0.1:{port}", "variables": {"port": {"default": "47615"}}}
        ],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": ERROR_SCHEMA},
        },
        "paths": paths,
    }


def _describe(op: Operation, arguments: set[str] | frozenset[str]) -> dict[str, Any]:
    error_ref = {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    }
    described: dict[str, Any] = {
        "summary": op.summary,
        "responses": {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": op.response or {"type": "object"}}},
            },
            **{str(code): {"description": "error", **error_ref} for code in op.errors},
        },
        "security": [{"token": []}] if op.auth else [],
    }
    if op.tags:
        described["tags"] = list(op.tags)
    if arguments:
        described["parameters"] = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in sorted(arguments)
        ]
    if op.request is not None:
        described["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": op.request}},
        }
    return described
