"""Modules that add menus, actions, the tray and timers to the main window.

Each has ``install(window: MainWindow, ctx: AppContext) -> object``; it runs once the
window is built, in this order.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from supportdesk.ui.context import AppContext

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow

EXTENSIONS = (
    "supportdesk.ui.privacy.install",    # app lock: first, so with a PIN it locks before
                                         # any other extension can show or say a name
    "supportdesk.ui.people_actions",     # Ctrl+L log a check-in, Ctrl+N add a person
    "supportdesk.ui.reminders.install",  # tray, reminder timer, notifications, settings tab
    "supportdesk.ui.views_actions",      # Ctrl+Shift+H reach out
    "supportdesk.ui.data_actions",       # import, export, backup, restore
)


def install_all(window: MainWindow, ctx: AppContext,
                names: tuple[str, ...] = EXTENSIONS) -> dict[str, object]:
    """Install every extension; returns what each install() gave back, by module name."""
    return {name: importlib.import_module(name).install(window, ctx) for name in names}
