"""Check-in reminders in the running app: engine, tray, notifications, settings."""
