"""Workbench Guard helper: the local service behind the browser extension."""

__version__ = "0.1.0"
