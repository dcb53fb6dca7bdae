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
    first = install_first(window, ctx)
    return {**first, **install_rest(window, ctx, first)}


def install_first(window: MainWindow, ctx: AppContext) -> dict[str, object]:
    """What must be there before the first page paints: the app lock, when one is set
    (with a PIN it locks before any other extension can show or say a name)."""
    policy = ctx.app.app_lock.policy()
    if not (policy.has_pin or policy.enabled):
        return {}  # nothing to lock: it comes with the rest
    return {"privacy": _privacy(window, ctx)}


def _privacy(window: MainWindow, ctx: AppContext) -> object:
    from supportdesk.ui.privacy import install as privacy

    return privacy.install(window, ctx)  # app lock, crash handler hookup


def install_rest(window: MainWindow, ctx: AppContext,
                 first: dict[str, object]) -> dict[str, object]:
    """Everything ``install_first`` left, in order; at a start-up with the window shown,
    just after the first page has painted (app.py): menus' actions, shortcuts, the tray,
    reminders. Until then Ctrl+Shift+H is caught by the early reach-out key
    (views_actions)."""
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
        **({} if "privacy" in first else {"privacy": _privacy(window, ctx)}),
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
