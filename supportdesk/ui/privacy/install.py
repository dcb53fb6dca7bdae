"""Wires the opt-in app lock into the main window: ``install(window, ctx)``.

Uses of the window (optional): ``settings_tabs`` (a list to append
``("Privacy", factory)``). While locked, the window's own widgets and every other
SupportDesk window are hidden (never closed, so nothing typed is lost) behind a calm
lock screen, a window opened while locked (say, from the tray) is covered as it
shows, and reminders name no one (``services.app_lock.is_locked``).

With a PIN set, SupportDesk starts locked: ``install`` runs in the same event-loop
turn as the first page is built, so nothing personal paints before the lock screen.
Wrong PINs slow down with the back-off kept in the vault (``AppLock.try_pin``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from supportdesk.core.errors import KeyringUnavailableError
from supportdesk.services import app_lock
from supportdesk.services.app_lock import LockPolicy, pause_words
from supportdesk.ui.context import AppContext
from supportdesk.ui.crisis.view import SHOWN_WHILE_LOCKED, open_crisis_view
from supportdesk.ui.privacy.idle import IdleWatcher
from supportdesk.ui.privacy.lock_screen import LockScreen
from supportdesk.ui.privacy.screen_lock import ScreenLockWatcher
from supportdesk.ui.privacy.settings_tab import PrivacyTab

WRONG_PIN = "That PIN didn't match. Please try again."
# A window with this property set to True is not covered when it opens while locked
# (for crisis help reached from the lock screen; it must hold nothing personal).
TRIES_BEFORE_PAUSE = app_lock.TRIES_BEFORE_PAUSE
PAUSE_SECONDS = app_lock.FIRST_PAUSE_SECONDS
PAUSED = pause_words(PAUSE_SECONDS)


class PrivacyUi(QObject):
    """Owns the lock screen and the watchers that decide when to show it."""

    def __init__(self, window: QWidget, ctx: AppContext,
                 keyring_check: Callable[[], None] = app_lock.keyring_answers,
                 clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.lock = ctx.app.app_lock
        self.lock.clock = wall_clock  # the pause after wrong PINs outlives this process
        self.keyring_check = keyring_check
        self.policy: LockPolicy = self.lock.policy()
        self.locked = False
        self._hidden: list[QWidget] = []
        self._covers: dict[QWidget, LockScreen] = {}
        self.cover = LockScreen(window)
        self.cover.hide()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.idle = IdleWatcher(app, clock, self)
        self.screen = ScreenLockWatcher(self)
        self.pause_timer = QTimer(self)
        self.pause_timer.setSingleShot(True)
        self._connect_signals()
        self._add_settings_tab()
        window.installEventFilter(self)
        self._apply_policy()

    def _connect_signals(self) -> None:
        self.idle.idle_for.connect(self._on_idle_idle_for)
        self.screen.screen_locked.connect(self._on_screen_screen_locked)
        self.cover.pin_entered.connect(self._on_cover_pin_entered)
        self.cover.keyring_unlock_requested.connect(self._on_cover_keyring_unlock_requested)
        self.cover.reach_out_requested.connect(self._on_cover_reach_out_requested)
        self.pause_timer.timeout.connect(self._on_pause_timer_timeout)
        self.ctx.bus.changed.connect(self._on_bus_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.screen.stop)

    def _on_bus_changed(self, topics: frozenset[str]) -> None:
        if "settings" in topics:
            self._apply_policy()

    def _add_settings_tab(self) -> None:
        tabs = getattr(self.window, "settings_tabs", None)
        if isinstance(tabs, list):
            tabs.append(("Privacy", lambda *_args: self.make_settings_tab()))

    def make_settings_tab(self) -> PrivacyTab:
        tab = PrivacyTab(self.lock)
        tab.lock_settings_changed.connect(self._on_tab_lock_settings_changed)
        tab.new_recovery_key_requested.connect(lambda: self._on_new_recovery_key(tab))
        return tab

    def _on_new_recovery_key(self, tab: QWidget) -> None:
        from supportdesk.ui.startup.new_recovery_key import replace_recovery_key

        replace_recovery_key(self.ctx.session, tab)

    def _apply_policy(self) -> None:
        self.policy = self.lock.policy()
        if self.policy.enabled and self.policy.with_screen and not self.screen.listening:
            self.screen.start()

    def _on_tab_lock_settings_changed(self) -> None:
        # Only the person's own choice in the tab opens the lock; a setting changed
        # elsewhere (another process, a restore) never does.
        self._apply_policy()
        if not self.policy.enabled and self.locked:
            self.unlock()

    # -- locking -------------------------------------------------------------
    def lock_now(self) -> None:
        """Cover the main window and every other SupportDesk window.

        Windows are never hidden or closed (hiding a dialog would end it and lose what
        was typed); their contents are hidden under a lock screen instead, and each
        cover can unlock, since a modal dialog keeps input from the main window.
        """
        if self.locked:
            return
        self.locked = True
        app_lock.set_locked(True)
        self.policy = self.lock.policy()
        from supportdesk.ui.pdf.export import locale_country  # loads only when needed

        self._crisis = self.ctx.app.crisis_lines.now(locale_country())
        self._covers = {self.window: self.cover}
        for other in QApplication.topLevelWidgets():
            if (other is not self.window and other.isVisible() and not other.inherits("QMenu")
                    and not other.property(SHOWN_WHILE_LOCKED)):  # crisis help stays in reach
                self._covers[other] = self._new_cover(other)
        for host, cover in self._covers.items():
            self._hidden += [child for child in _contents(host, cover) if _shows(child)]
        for widget in self._hidden:
            widget.hide()
        for host, cover in self._covers.items():
            self._show_cover(host, cover)
        app = QApplication.instance()
        if app is not None:  # a window that opens while locked is covered as it shows
            app.installEventFilter(self)
        self._start_pause(self.lock.seconds_to_wait())
        self.ctx.events.lock_changed.emit(True)

    def _show_cover(self, host: QWidget, cover: LockScreen) -> None:
        cover.setGeometry(host.rect())
        cover.show()
        cover.raise_()
        cover.prepare(self.policy.has_pin)
        if self.pause_timer.isActive():
            cover.unlock_button.setEnabled(False)
            cover.show_message(pause_words(self.lock.seconds_to_wait()))
        cover.show_crisis(self._crisis)

    def unlock(self) -> None:
        self.locked = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.pause_timer.stop()
        app_lock.set_locked(False)
        for host, cover in self._covers.items():
            if not (shiboken6.isValid(host) and shiboken6.isValid(cover)):
                continue  # that window was closed while locked
            cover.hide()
            if cover is not self.cover:
                host.removeEventFilter(self)
                cover.deleteLater()
        self._covers = {}
        for widget in self._hidden:
            if shiboken6.isValid(widget):
                widget.show()
        self._hidden = []
        self.idle.reset()
        self.ctx.events.lock_changed.emit(False)

    def covers(self) -> list[LockScreen]:
        return [cover for cover in self._covers.values() if shiboken6.isValid(cover)]

    def _new_cover(self, host: QWidget) -> LockScreen:
        cover = LockScreen(host)
        cover.pin_entered.connect(self._on_cover_pin_entered)
        cover.keyring_unlock_requested.connect(self._on_cover_keyring_unlock_requested)
        cover.reach_out_requested.connect(self._on_cover_reach_out_requested)
        host.installEventFilter(self)
        return cover

    def _show_message(self, text: str) -> None:
        for cover in self.covers():
            cover.show_message(text)

    # -- slots ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return False
        cover = self._covers.get(watched)
        if cover is not None and event.type() == QEvent.Type.Resize:
            cover.setGeometry(watched.rect())
        elif (cover is None and self.locked and event.type() == QEvent.Type.Show
              and _needs_cover(watched)):
            self._cover_new_window(watched)
        return False

    def _cover_new_window(self, host: QWidget) -> None:
        """A window shown while locked: its contents go under a cover of its own."""
        cover = self._new_cover(host)
        self._covers[host] = cover
        for child in _contents(host, cover):
            if _shows(child):
                self._hidden.append(child)
                child.hide()
        self._show_cover(host, cover)

    def _on_idle_idle_for(self, seconds: float) -> None:
        if self.policy.should_lock_after(seconds):
            self.lock_now()

    def _on_screen_screen_locked(self) -> None:
        if self.policy.enabled and self.policy.with_screen:
            self.lock_now()

    def _on_cover_pin_entered(self, pin: str) -> None:
        attempt = self.lock.try_pin(pin)
        if attempt.ok:
            self.unlock()
        elif attempt.wait_seconds:
            self._start_pause(attempt.wait_seconds)
        else:
            self._show_message(WRONG_PIN)

    def _start_pause(self, seconds: int) -> None:
        """No try is heard for ``seconds``: the Unlock button waits, and says why."""
        if seconds <= 0:
            return
        self.pause_timer.start(seconds * 1000)
        self._enable_unlock(False)
        self._show_message(pause_words(seconds))

    def _enable_unlock(self, on: bool) -> None:
        for cover in self.covers():
            cover.unlock_button.setEnabled(on)

    def _on_pause_timer_timeout(self) -> None:
        left = self.lock.seconds_to_wait()
        if left:  # the timer ran early (or the clock moved): wait the rest
            self._start_pause(left)
            return
        self._enable_unlock(True)
        self._show_message("")

    def _on_cover_reach_out_requested(self) -> None:
        cover = self.sender()
        parent = cover.window() if isinstance(cover, QWidget) else self.window
        open_crisis_view(self.ctx.app.crisis_lines, parent)

    def _on_cover_keyring_unlock_requested(self) -> None:
        try:
            self.keyring_check()
        except KeyringUnavailableError as error:
            self._show_message(str(error))
            return
        self.unlock()


def _contents(host: QWidget, cover: LockScreen) -> list[QWidget]:
    """The host's own child widgets (not its child windows), except the cover."""
    return [child for child in host.findChildren(QWidget)
            if child.parentWidget() is host and child is not cover and not child.isWindow()]


def _shows(widget: QWidget) -> bool:
    """Shown, or about to be: a widget just added to a shown window stays hidden only
    until Qt shows it on a later turn, unless it was hidden on purpose."""
    return not widget.isHidden() or not widget.testAttribute(
        Qt.WidgetAttribute.WA_WState_ExplicitShowHide)


def _needs_cover(widget: QWidget) -> bool:
    """A real window of ours (not a menu, tooltip or other popup, nor a cover)."""
    if not widget.isWindow() or isinstance(widget, LockScreen):
        return False
    if widget.property(SHOWN_WHILE_LOCKED):  # e.g. crisis help opened from the lock screen
        return False
    kind = widget.windowType()
    return kind not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen,
                        Qt.WindowType.Desktop)


def install(window: QWidget, ctx: AppContext) -> PrivacyUi:
    """Add the app lock to ``window``. With a PIN set it starts locked, in this very
    event-loop turn (before the first page can paint); otherwise it does nothing
    until turned on in Settings."""
    privacy = PrivacyUi(window, ctx)
    if privacy.policy.has_pin:
        privacy.lock_now()
    return privacy
