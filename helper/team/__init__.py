"""Team mode: one shared PostgreSQL store, one team keying secret, one name per agent.

See docs/team-mode.md. ``secret`` holds the team key and its join code, ``tables`` the one
row that lets a helper tell it has the right key, ``views`` the dashboard's per-agent view.
"""
