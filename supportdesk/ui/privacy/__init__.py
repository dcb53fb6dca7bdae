"""The opt-in app lock: idle and screen-lock watchers, the lock screen, the Privacy tab."""
