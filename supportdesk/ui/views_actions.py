"""Wires the views into the main window: Ctrl+Shift+H reaches out from anywhere.

A window shortcut (even an application-wide one) is blocked while a modal dialog is
open, so Ctrl+Shift+H is caught by one application-wide event filter instead: it works
in the main window, in every dialog (modal or not), in menus and on the lock screen.
Where the main window can be used it shows Reach out now; while locked or behind a
modal dialog it opens the crisis-only view on top (nothing is unlocked). The tray's
"Reach out now" takes the same path. The Go menu's "Reach out now" shows the shortcut.
Before the vault is open (the recovery dialog, "Opening your notes…") an early filter
does the same with the shipped crisis lines alone, and steps aside once the window's
own is installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from supportdesk.services import app_lock

if TYPE_CHECKING:
    from supportdesk.services.crisis_lines import CrisisLinesService
    from supportdesk.ui.context import AppContext


def open_crisis_view(lines: CrisisLinesService | None, parent: QWidget | None) -> None:
    """The crisis view's module (its widgets, the shipped lines) loads with its first use:
    the early key below stands from the first dialog on, before any page is built."""
    from supportdesk.ui.crisis.view import open_crisis_view as open_view

    open_view(lines, parent)

REACH_OUT_SHORTCUT = QKeySequence("Ctrl+Shift+H")
REACH_OUT_WORDS = ("Reach out now: the emergency number and crisis lines, from anywhere "
                   "(also inside a dialog and on the lock screen)")
_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
              | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)


def is_reach_out_key(event: QKeyEvent) -> bool:
    wanted = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    return event.key() == Qt.Key.Key_H and (event.modifiers() & _MODIFIERS) == wanted


class _ReachOutKey(QObject):
    """Catches Ctrl+Shift+H before any shortcut or dialog can, application-wide."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not (isinstance(event, QKeyEvent) and is_reach_out_key(event)):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut takes it: the key press comes here next
            return True
        if not event.isAutoRepeat():
            self.reach_out_from_anywhere()
        return True

    def reach_out_from_anywhere(self) -> None:
        raise NotImplementedError


class EarlyReachOutKey(_ReachOutKey):
    """Ctrl+Shift+H while the vault is still opening: crisis help from the shipped list."""

    def reach_out_from_anywhere(self) -> None:
        parent = QApplication.activeModalWidget() or QApplication.activeWindow()
        open_crisis_view(None, parent)


def catch_reach_out_early(app: QApplication) -> EarlyReachOutKey:
    """Ctrl+Shift+H works from the first dialog on, before the vault is open."""
    early = EarlyReachOutKey(app)
    app.installEventFilter(early)
    return early


class ViewsActions(_ReachOutKey):
    """Holds the reach-out action for one main window and the key filter."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        existing = getattr(window, "page_actions", {}).get("reach_out")
        if isinstance(existing, QAction):
            self.reach_out = existing
            # shown in the Go menu first; the filter below does the work
            self.reach_out.setShortcuts([REACH_OUT_SHORTCUT, *existing.shortcuts()])
        else:
            self.reach_out = QAction("Reach out now", window)
            self.reach_out.setShortcut(REACH_OUT_SHORTCUT)
            self.reach_out.triggered.connect(self.show_reach_out)
            window.addAction(self.reach_out)
            menu = getattr(window, "menu", None)
            if callable(menu):
                menu("go").addAction(self.reach_out)
        self.reach_out.setToolTip("Reach out now (Ctrl+Shift+H, from anywhere)")
        self.reach_out.setWhatsThis(REACH_OUT_WORDS)  # Help > Keyboard shortcuts, first
        self.reach_out.setPriority(QAction.Priority.HighPriority)
        app = QApplication.instance()
        if app is not None:
            for early in app.findChildren(EarlyReachOutKey):  # this filter takes over
                app.removeEventFilter(early)
                early.deleteLater()
            app.installEventFilter(self)
        closed = getattr(window, "closed", None)  # MainWindow: really closed, not to the tray
        if closed is not None:
            closed.connect(self._on_window_closed)
        ctx.events.reach_out_requested.connect(self._on_events_reach_out_requested)

    def _on_window_closed(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def reach_out_from_anywhere(self) -> None:
        """Reach out now where the window can be used; else the crisis-only view."""
        blocker = QApplication.activeModalWidget()
        if app_lock.is_locked() or blocker is not None:
            open_crisis_view(self.ctx.app.crisis_lines, blocker or self.window)
        else:
            self.show_reach_out()

    def _on_events_reach_out_requested(self) -> None:
        # the window shows its page itself; only what it cannot reach is handled here
        if app_lock.is_locked() or QApplication.activeModalWidget() is not None:
            open_crisis_view(self.ctx.app.crisis_lines,
                             QApplication.activeModalWidget() or self.window)

    def show_reach_out(self) -> None:
        show_page = getattr(self.window, "show_page", None)
        if callable(show_page):
            show_page("reach_out")
        self.window.showNormal() if self.window.isMinimized() else self.window.show()
        self.window.raise_()
        self.window.activateWindow()


def install(window: QWidget, ctx: AppContext) -> ViewsActions:
    return ViewsActions(window, ctx)
