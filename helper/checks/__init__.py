"""Checks the helper runs before an agent sends a message or contacts a buyer."""
