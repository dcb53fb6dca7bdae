"""The "while you were away" banner: who came due while the app was closed.

Shown once per start in the main window (``window.show_banner``), on Today only
(``window.keep_banner_to``), with Log and Snooze actions; gone once no one in it is
due. The words follow the discreet setting only for notifications;
the window itself is private to the person, so it names who is due.
"""

from __future__ import annotations

from collections.abc import Callable

from supportdesk.core.schedule import DueItem
from supportdesk.ui.widgets.banner import BannerAction


def away_text(items: list[DueItem]) -> str:
    """One short line: Today lists who, just below, under "Check-ins due"."""
    if len(items) == 1:
        return f"While you were away, a check-in with {items[0].name} came due."
    return f"While you were away, {len(items)} check-ins came due."


def away_actions(
    items: list[DueItem],
    log: Callable[[int], None],
    snooze_all: Callable[[], None],
) -> list[BannerAction]:
    """Log (the one person, or choose who) and Snooze all until tomorrow."""
    only = items[0].supporter_id if len(items) == 1 else 0
    return [("Log a check-in", lambda: log(only)), ("Snooze until tomorrow", snooze_all)]


def show_away_banner(window: object, items: list[DueItem], actions: list[BannerAction]) -> bool:
    """Put the banner in the window; False if this window has no banner area."""
    show_banner = getattr(window, "show_banner", None)
    if not items or show_banner is None:
        return False
    show_banner(away_text(items), actions)
    keep_to = getattr(window, "keep_banner_to", None)
    if keep_to is not None:  # on Today, beside its "Check-ins due"; not on every page
        keep_to("today")
    return True
