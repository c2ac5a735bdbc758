"""The tray icon: the helper's state (running, degraded, stopped) and a menu of what an agent
needs without a terminal. ``model`` holds all of its logic behind a small interface and is
tested against a real helper; ``icon`` draws it with pystray (optional: ``pip install
.[tray]``); ``launch`` starts it as its own process, so it adds nothing to the check path.
"""
