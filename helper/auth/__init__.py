"""Who may call the helper: paired extensions and script tokens, both stored as hashes."""
