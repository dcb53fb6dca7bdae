"""Help > "When it might be time for more help" (the sourced page, ui/pages/more_help.py)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from supportdesk.ui.context import AppContext

TITLE = "When it might be time for more help"


def install(window: QWidget, ctx: AppContext) -> QAction:
    """First in the Help menu; opens the page through ``ctx.events``."""
    action = QAction(f"&{TITLE}", window)
    action.setObjectName("more_help_action")
    action.triggered.connect(lambda _checked=False: ctx.events.page_requested.emit("more_help"))
    menu = getattr(window, "menu", None)
    if menu is not None:
        help_menu = menu("help")
        first = help_menu.actions()[0] if help_menu.actions() else None
        if first is not None:
            help_menu.insertAction(first, action)
            help_menu.insertSeparator(first)
        else:
            help_menu.addAction(action)
    return action
