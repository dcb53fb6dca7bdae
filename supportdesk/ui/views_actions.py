"""Wires the views into the main window: Ctrl+Shift+H reaches out from anywhere.

``install(window, ctx)`` gives the Go menu's "Reach out now" a second, app-wide
shortcut (Ctrl+Shift+H), so it works whichever window or dialog has focus. A bare
window without the Go menu's actions gets an action of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from supportdesk.ui.context import AppContext

REACH_OUT_SHORTCUT = QKeySequence("Ctrl+Shift+H")


class ViewsActions(QObject):
    """Holds the reach-out action for one main window."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        existing = getattr(window, "page_actions", {}).get("reach_out")
        if isinstance(existing, QAction):
            self.reach_out = existing
            self.reach_out.setShortcuts([*existing.shortcuts(), REACH_OUT_SHORTCUT])
        else:
            self.reach_out = QAction("Reach out now", window)
            self.reach_out.setShortcut(REACH_OUT_SHORTCUT)
            self.reach_out.triggered.connect(self.show_reach_out)
            window.addAction(self.reach_out)
            menu = getattr(window, "menu", None)
            if callable(menu):
                menu("go").addAction(self.reach_out)
        self.reach_out.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.reach_out.setToolTip("Reach out now (Ctrl+Shift+H)")

    def show_reach_out(self) -> None:
        show_page = getattr(self.window, "show_page", None)
        if callable(show_page):
            show_page("reach_out")
        self.window.showNormal() if self.window.isMinimized() else self.window.show()
        self.window.raise_()
        self.window.activateWindow()


def install(window: QWidget, ctx: AppContext) -> ViewsActions:
    return ViewsActions(window, ctx)
