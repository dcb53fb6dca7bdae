"""What adds menus, actions, the tray and timers to the main window, in this order.

Each is installed by an explicit call once the window is built; ``install_all`` returns
what each gave back, by name. ``install_first`` and ``install_rest`` are its two halves,
for a start that shows the first page between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supportdesk.ui.context import AppContext

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow


def install_all(window: MainWindow, ctx: AppContext) -> dict[str, object]:
    """Install every extension; returns what each install() gave back."""
    installed = install_first(window, ctx)
    installed.update(install_rest(window, ctx))
    return installed


def install_first(window: MainWindow, ctx: AppContext) -> dict[str, object]:
    """What must be there before the first page paints: the app lock (with a PIN it
    locks before any other extension can show or say a name)."""
    from supportdesk.ui.privacy import install as privacy

    return {"privacy": privacy.install(window, ctx)}  # app lock, crash handler hookup


def install_rest(window: MainWindow, ctx: AppContext) -> dict[str, object]:
    """Everything else, in order; at a start-up with the window shown, just after the
    first page has painted (app.py): menus' actions, shortcuts, the tray, reminders.
    Until then Ctrl+Shift+H is caught by the early reach-out key (views_actions)."""
    from supportdesk.ui import (
        appearance,
        data_actions,
        getting_started,
        log_this,
        mood_settings,
        more_help_actions,
        own_dates,
        page_check,
        people_actions,
        views_actions,
    )
    from supportdesk.ui.reminders import install as reminders

    return {
        "people_actions": people_actions.install(window, ctx),  # Ctrl+L log, Ctrl+N add
        "reminders": reminders.install(window, ctx),  # tray, timer, notifications, tab
        "views_actions": views_actions.install(window, ctx),  # Ctrl+Shift+H reach out
        "data_actions": data_actions.install(window, ctx),  # import, export, backups
        "log_this": log_this.install(window, ctx),  # "Log this?" after reaching out
        "page_check": page_check.install(window, ctx),  # every page read, after Today shows
        "mood_settings": mood_settings.install(window, ctx),  # Settings > Mood
        "appearance": appearance.install(window, ctx),  # Settings > Appearance
        "own_dates": own_dates.install(window, ctx),  # Tools > My dates that matter
        "more_help": more_help_actions.install(window, ctx),  # Help > more help
        # after more help: "If you need help now" comes first in the Help menu
        "help": getting_started.install(window, ctx),  # Help > Getting started, help now
    }
