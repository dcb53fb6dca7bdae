"""Modules that add menus, actions, the tray and timers to the main window.

Each has ``install(window: MainWindow, ctx: AppContext) -> object``; it runs once the
window is built. A module not yet part of the build is skipped (temporary scaffolding).
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from supportdesk.ui.context import AppContext

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXTENSIONS = (
    "supportdesk.ui.people_actions",     # Ctrl+L log a check-in, Ctrl+N add a person
    "supportdesk.ui.reminders.install",  # tray, reminder timer, notifications, settings tab
    "supportdesk.ui.views_actions",      # Ctrl+Shift+H reach out
    "supportdesk.ui.data_actions",       # import, export, backup, restore
    "supportdesk.ui.privacy.install",    # app lock, crash handler hookup
)


def install_all(window: MainWindow, ctx: AppContext,
                names: tuple[str, ...] = EXTENSIONS) -> dict[str, object]:
    """Install every extension that exists; returns what each install() gave back."""
    installed: dict[str, object] = {}
    for name in names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name is None or not (name == error.name or name.startswith(error.name + ".")):
                raise
            log.info("extension %s is not in this build", name)
            continue
        installed[name] = module.install(window, ctx)
    return installed
