"""Everything PySide6: windows, pages, item models, dialogs, tray and notifications."""

from supportdesk.ui.none_guard import guard_none

guard_none()  # PySide6 6.12.0 on Python 3.11 leaks references to None (see none_guard)
