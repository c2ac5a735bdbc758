"""What the agent did after a warning (edited, sent anyway, replaced, cancelled) and today's
counts for the extension's popup. Never the message text: only rule ids, verdict and action."""
