"""The "while you were away" banner: who came due while the app was closed.

Shown once per start in the main window (``window.show_banner``), with Log and
Snooze actions. The words follow the discreet setting only for notifications;
the window itself is private to the person, so it names who is due.
"""

from __future__ import annotations

from collections.abc import Callable

from supportdesk.core.schedule import DueItem
from supportdesk.services.reminders import join_names
from supportdesk.ui.widgets.banner import BannerAction


def away_text(items: list[DueItem]) -> str:
    came = "1 check-in came due" if len(items) == 1 else f"{len(items)} check-ins came due"
    return f"While you were away, {came}: {join_names([i.name for i in items])}."


def away_actions(
    items: list[DueItem],
    log: Callable[[int], None],
    snooze_all: Callable[[], None],
    open_supporter: Callable[[int], None],
) -> list[BannerAction]:
    """Log (the one person, or choose who), Snooze all until tomorrow, and Open when one."""
    only = items[0].supporter_id if len(items) == 1 else 0
    actions: list[BannerAction] = [
        ("Log a check-in", lambda: log(only)),
        ("Snooze until tomorrow", snooze_all),
    ]
    if only:
        actions.insert(0, ("Open", lambda: open_supporter(only)))
    return actions


def show_away_banner(window: object, items: list[DueItem], actions: list[BannerAction]) -> bool:
    """Put the banner in the window; False if this window has no banner area."""
    show_banner = getattr(window, "show_banner", None)
    if not items or show_banner is None:
        return False
    show_banner(away_text(items), actions)
    return True
