"""Wires reminders into the main window: ``install(window, ctx)`` after it is built.

Uses of the window (all optional, so a bare window still works): ``settings_tabs``
(a list to append ``("Reminders", factory)``), ``keep_running_on_close``,
``show_banner(text, actions)`` with actions as ``[(label, callable)]``, and
``show_page(key)``. Person-level navigation goes through ``ctx.events``; the engine,
the tray and the "while you were away" banner follow ``ctx.bus``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from supportdesk.core.errors import NotFoundError
from supportdesk.core.schedule import DueItem, SnoozeOption
from supportdesk.services import app_lock
from supportdesk.services import settings as keys
from supportdesk.services.reminders import Notice
from supportdesk.ui import icons
from supportdesk.ui.context import AppContext
from supportdesk.ui.reminders.appointment_timer import AppointmentReminders
from supportdesk.ui.reminders.away import away_actions, show_away_banner
from supportdesk.ui.reminders.dbus_notify import DbusNotifications
from supportdesk.ui.reminders.notifier import DeliveryResult, Notifier
from supportdesk.ui.reminders.settings_tab import RemindersTab
from supportdesk.ui.reminders.timer import ReminderEngine
from supportdesk.ui.reminders.tray import ReminderTray

CLOSE_HINT = ("SupportDesk is still here",
              "It keeps running in the tray so reminders can reach you. "
              "Choose Quit from the tray menu to close it completely.")
NO_TRAY_NOTICE = ("There's no system tray on this desktop, so closing SupportDesk quits it. "
                  "Reminders show while it's open, and anything missed shows on the next start.")

FIRST_LOOK_MS = 500  # after the first page has painted: that look works out everyone's due


def _icon_path() -> str:
    """The app icon as a file, for desktop notifications ("" if it is missing)."""
    path = icons.app_icon_svg()
    return str(path) if path.exists() else ""


class RemindersUi(QObject):
    """Owns the reminder engine, the tray and the notifier for one main window."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.service = ctx.app.reminders
        self.tray = ReminderTray(ctx.events, self)
        self.notifier = Notifier(record=ctx.app.record_delivery,
                                 tray_message=self.tray.show_message,
                                 dbus=DbusNotifications(app_icon=_icon_path()), parent=self)
        self.engine = ReminderEngine(ctx.app, self.notifier, ctx.bus, parent=self)
        self.appointments = AppointmentReminders(ctx.app, self.notifier, ctx.bus, parent=self)
        self.tray_shown = self.tray.show()
        self._away_shown = False
        self._away_items: list[DueItem] = []
        self._shut_down = False
        self.first_look = QTimer(self)  # the first look, once the window has settled
        self.first_look.setSingleShot(True)
        self.first_look.setInterval(FIRST_LOOK_MS)
        self.first_look.timeout.connect(self.start)
        self._connect_signals()
        self._add_settings_tab()
        self._apply_close_behaviour()
        window.installEventFilter(self)

    def _connect_signals(self) -> None:
        self.engine.due_changed.connect(self._on_engine_due_changed)
        self.engine.away_found.connect(self._on_engine_away_found)
        self.notifier.activated.connect(self._on_notifier_activated)
        self.notifier.log_requested.connect(self._on_notifier_log_requested)
        self.notifier.snooze_requested.connect(self._on_notifier_snooze_requested)
        self.notifier.mood_requested.connect(self._on_notifier_mood_requested)
        self.tray.icon.messageClicked.connect(self.notifier.on_tray_message_clicked)
        self.tray.open_requested.connect(self.show_window)
        self.tray.snooze_all_requested.connect(self._on_tray_snooze_all_requested)
        self.tray.pause_toggled.connect(self._on_tray_pause_toggled)
        self.tray.quit_requested.connect(self._on_tray_quit_requested)
        self.ctx.bus.changed.connect(self._on_bus_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def start(self) -> None:
        self.first_look.stop()
        if self._shut_down:  # the app quit, its session closed, before the first look
            return
        self._away_shown = False
        self.engine.start()
        self.appointments.start()
        if not self._away_shown:
            self._tell_once_there_is_no_tray()

    def shutdown(self) -> None:
        self._shut_down = True
        self.first_look.stop()
        self.engine.stop()
        self.appointments.stop()
        self.notifier.close()
        self.tray.hide()

    # -- window ----------------------------------------------------------------

    def _add_settings_tab(self) -> None:
        tabs = getattr(self.window, "settings_tabs", None)
        if isinstance(tabs, list):
            tabs.append(("Reminders",
                         lambda *_args: RemindersTab(self.ctx, send_test=self.send_test)))

    def _apply_close_behaviour(self) -> None:
        keep = self.tray_shown and not self.service.paused
        self.window.keep_running_on_close = keep  # type: ignore[attr-defined]

    def _tell_once_there_is_no_tray(self) -> None:
        """Said once, in the banner; a "while you were away" banner goes first."""
        if self.tray_shown or self.service.settings.get(keys.NO_TRAY_NOTICE_SHOWN):
            return
        show_banner = getattr(self.window, "show_banner", None)
        if show_banner is not None:
            show_banner(NO_TRAY_NOTICE, [])
            self.ctx.app.set_setting(keys.NO_TRAY_NOTICE_SHOWN, True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: Qt may still deliver a last event while Python takes this object down
        if event.type() == QEvent.Type.Close and watched is getattr(self, "window", None):
            self._on_window_closing()
        return False

    def _on_window_closing(self) -> None:
        if not getattr(self.window, "keep_running_on_close", False):
            return
        if not self.service.settings.get(keys.TRAY_HINT_SHOWN) and self.tray.show_message(
                *CLOSE_HINT):
            self.ctx.app.set_setting(keys.TRAY_HINT_SHOWN, True)

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # -- slots -------------------------------------------------------------------

    def _on_bus_changed(self, topics: frozenset[str]) -> None:
        if "settings" in topics:
            self._apply_close_behaviour()
        if self._away_items and topics & {"people", "checkins"}:
            self._follow_away_banner()

    def _follow_away_banner(self) -> None:
        """Keep "while you were away" to those still due; it goes once none are."""
        due = {item.supporter_id for item in self.service.due_now()}
        still = [item for item in self._away_items if item.supporter_id in due]
        if still == self._away_items:
            return
        if not still:
            self._away_items = []
            clear = getattr(self.window, "clear_banner", None)
            if clear is not None:
                clear()
            return
        self._on_engine_away_found(still)

    def _on_engine_due_changed(self, items: list[DueItem]) -> None:
        self.tray.update_due(items, self.service.paused)

    def _on_engine_away_found(self, items: list[DueItem]) -> None:
        self._away_items = list(items)
        actions = away_actions(
            items,
            log=self.ctx.events.checkin_log_requested.emit,
            snooze_all=lambda: self._on_tray_snooze_all_requested(SnoozeOption.TOMORROW.value),
        )
        self._away_shown = show_away_banner(self.window, items, actions)

    def _on_notifier_activated(self, supporter_id: int) -> None:
        self.show_window()
        if supporter_id:
            self.ctx.events.supporter_open_requested.emit(supporter_id)
        else:
            self.ctx.events.page_requested.emit("today")

    def _on_notifier_log_requested(self, supporter_id: int) -> None:
        """The check-in dialog for them, over the window (back from the tray if hidden);
        while the app is locked, only the (covered) window."""
        if self._window_ready_for_a_dialog():
            self.ctx.events.checkin_log_requested.emit(supporter_id)

    def _on_notifier_mood_requested(self) -> None:
        """"How are you?" over the window, as "Log a check-in" does for a check-in."""
        if self._window_ready_for_a_dialog():
            self.ctx.events.mood_entry_requested.emit(0)

    def _window_ready_for_a_dialog(self) -> bool:
        """The window shown; False while locked, or when a dialog is already open (it is
        kept and brought forward)."""
        self.show_window()
        if app_lock.is_locked():
            return False
        dialog = QApplication.activeModalWidget()
        if dialog is not None:  # already in the middle of something: keep it, show it
            dialog.raise_()
            dialog.activateWindow()
            return False
        return True

    def _on_notifier_snooze_requested(self, supporter_id: int) -> None:
        try:
            self.ctx.app.snooze(supporter_id, SnoozeOption.TOMORROW)
        except NotFoundError:
            return  # they were removed since the notification came
        status_message = getattr(self.window, "status_message", None)
        if status_message is not None:
            status_message("Snoozed until tomorrow morning.")

    def _on_tray_snooze_all_requested(self, option: str) -> None:
        self.ctx.app.snooze_all(SnoozeOption(option))

    def _on_tray_pause_toggled(self, paused: bool) -> None:
        self.ctx.app.set_reminders_paused(paused)

    def _on_tray_quit_requested(self) -> None:
        quit_app = getattr(self.window, "quit_app", None)
        if quit_app is not None:
            quit_app()  # the window saves its state and quits
            return
        self.window.keep_running_on_close = False  # type: ignore[attr-defined]
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def send_test(self) -> DeliveryResult:
        return self.notifier.notify(Notice("SupportDesk is ready",
                                           "Reminders will appear like this.", 1))


def install(window: QWidget, ctx: AppContext) -> RemindersUi:
    """Add reminders to ``window``; the first look runs just after the window settles."""
    reminders = RemindersUi(window, ctx)
    reminders.first_look.start()
    return reminders
