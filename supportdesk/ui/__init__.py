"""Everything PySide6: windows, pages, item models, dialogs, tray and notifications."""
