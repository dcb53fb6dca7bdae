"""The system tray icon: a badge with the count of due check-ins, and the tray menu.

Signals:
    open_requested(): show the main window.
    snooze_all_requested(str): snooze everyone due (a SnoozeOption value).
    pause_toggled(bool): reminders paused (True) or back on (False).
    quit_requested(): leave the app.
Person-level intents go through the app's ``Events`` (open a supporter, log a
check-in, reach out now) so the window handles them the same way as its own.
While the app lock is on, "Due now" names no one (only how many), and "Log a
check-in…" opens the (covered) window instead of a dialog listing everyone.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from supportdesk.core.schedule import DueItem, SnoozeOption
from supportdesk.services import app_lock
from supportdesk.ui import icons
from supportdesk.ui.events import Events
from supportdesk.ui.plain import literal_ampersands, plain_tooltip, tray_message_body

ICON_SIZE = 64
MAX_LISTED = 12


def base_icon() -> QIcon:
    """The app's icon, or a plain dot if the shipped icon cannot be read."""
    try:
        return icons.app_icon()
    except OSError:
        pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#3f7f74"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(4, 4, ICON_SIZE - 8, ICON_SIZE - 8)
        painter.end()
        return QIcon(pixmap)


def badged_icon(icon: QIcon, count: int) -> QIcon:
    """``icon`` with a small round count in its corner (none when nothing is due)."""
    if count <= 0:
        return icon
    pixmap = icon.pixmap(ICON_SIZE, ICON_SIZE)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    badge = QRectF(ICON_SIZE * 0.45, 0, ICON_SIZE * 0.55, ICON_SIZE * 0.55)
    painter.setBrush(QColor("#c2571a"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(badge)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(ICON_SIZE * 0.34))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "9+" if count > 9 else str(count))
    painter.end()
    return QIcon(pixmap)


def tooltip_text(count: int, paused: bool) -> str:
    if paused:
        return "SupportDesk: reminders are paused"
    if count == 0:
        return "SupportDesk: you're up to date"
    return f"SupportDesk: {'1 check-in is' if count == 1 else f'{count} check-ins are'} due"


class ReminderTray(QObject):
    open_requested = Signal()
    snooze_all_requested = Signal(str)
    pause_toggled = Signal(bool)
    quit_requested = Signal()

    def __init__(self, events: Events, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self._icon = base_icon()
        self.icon = QSystemTrayIcon(self._icon, self)
        self.menu = QMenu()
        self._build_menu()
        self.icon.setContextMenu(self.menu)
        self._last_due: tuple[list[DueItem], bool] = ([], False)
        self.update_due([], paused=False)
        self._connect_signals()

    def _build_menu(self) -> None:
        # help first, above every chore; while locked it opens the crisis-only view
        self.reach_out_action = self.menu.addAction("Reach out now")
        self.menu.addSeparator()
        self.open_action = self.menu.addAction("Open SupportDesk")
        self.log_action = self.menu.addAction("Log a check-in…")
        self.mood_action = self.menu.addAction("How are you?…")
        self.due_menu = self.menu.addMenu("Due now")
        self.snooze_menu = self.menu.addMenu("Snooze all")
        self.snooze_actions: list[QAction] = []
        for option in SnoozeOption:
            action = self.snooze_menu.addAction(option.label)
            action.setData(option.value)
            self.snooze_actions.append(action)
        self.pause_action = self.menu.addAction("Pause reminders")
        self.pause_action.setCheckable(True)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction("Quit SupportDesk")
        self._snooze_group = QActionGroup(self)
        for action in self.snooze_actions:
            self._snooze_group.addAction(action)
        self._snooze_group.setExclusive(False)

    def _connect_signals(self) -> None:
        self.open_action.triggered.connect(self.open_requested)
        self.log_action.triggered.connect(self._on_log_triggered)
        self.mood_action.triggered.connect(self._on_mood_triggered)
        self.reach_out_action.triggered.connect(self._on_reach_out_triggered)
        self.pause_action.toggled.connect(self.pause_toggled)
        self.quit_action.triggered.connect(self.quit_requested)
        self._snooze_group.triggered.connect(self._on_snooze_triggered)
        self.icon.activated.connect(self._on_icon_activated)
        self.events.lock_changed.connect(self._on_events_lock_changed)

    def show(self) -> bool:
        """Show the icon if a tray exists; returns whether it does."""
        if self.available:
            self.icon.show()
        return self.available

    def update_due(self, items: list[DueItem], paused: bool) -> None:
        self._last_due = (items, paused)
        count = 0 if paused else len(items)
        self.icon.setIcon(badged_icon(self._icon, count))
        self.icon.setToolTip(plain_tooltip(tooltip_text(count, paused)))
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(False)
        self.due_menu.clear()
        listed = [] if app_lock.is_locked() else items  # names only once unlocked
        if items and not listed:
            self.due_menu.addAction("Unlock SupportDesk to see who").setEnabled(False)
        for item in listed[:MAX_LISTED]:
            action = self.due_menu.addAction(literal_ampersands(item.name))
            action.setData(item.supporter_id)
            action.triggered.connect(lambda _=False, sid=item.supporter_id: self._open(sid))
        if len(listed) > MAX_LISTED:
            more = self.due_menu.addAction(f"{len(listed) - MAX_LISTED} more…")
            more.triggered.connect(self.open_requested)
        if not items:
            self.due_menu.addAction("Nobody right now").setEnabled(False)
        self.due_menu.setTitle(f"Due now ({len(items)})" if items else "Due now")
        self.snooze_menu.setEnabled(bool(items))

    def show_message(self, title: str, body: str) -> bool:
        """The fallback notification; False where there is no tray to show it."""
        if not (self.available and self.icon.isVisible()):
            return False
        self.icon.showMessage(title, tray_message_body(body, sys.platform), self._icon, 15000)
        return True

    def _open(self, supporter_id: int) -> None:
        self.open_requested.emit()
        self.events.supporter_open_requested.emit(supporter_id)

    def _on_log_triggered(self) -> None:
        self.open_requested.emit()
        if not app_lock.is_locked():
            self.events.checkin_log_requested.emit(0)

    def _on_mood_triggered(self) -> None:
        self.open_requested.emit()
        if not app_lock.is_locked():
            self.events.mood_entry_requested.emit(0)

    def _on_events_lock_changed(self, _locked: bool) -> None:
        self.update_due(*self._last_due)

    def _on_reach_out_triggered(self) -> None:
        self.open_requested.emit()
        self.events.reach_out_requested.emit()

    def _on_snooze_triggered(self, action: QAction) -> None:
        self.snooze_all_requested.emit(str(action.data()))

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def hide(self) -> None:
        self.icon.hide()
