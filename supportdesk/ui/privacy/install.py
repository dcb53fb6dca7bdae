"""Wires the opt-in app lock into the main window: ``install(window, ctx)``.

Uses of the window (optional): ``settings_tabs`` (a list to append
``("Privacy", factory)``). While locked, the window's own widgets and every other
SupportDesk window are hidden (never closed, so nothing typed is lost) behind a calm
lock screen, and reminders name no one (``services.app_lock.is_locked``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from supportdesk.core.errors import KeyringUnavailableError
from supportdesk.services import app_lock
from supportdesk.services.app_lock import LockPolicy
from supportdesk.ui.context import AppContext
from supportdesk.ui.privacy.idle import IdleWatcher
from supportdesk.ui.privacy.lock_screen import LockScreen
from supportdesk.ui.privacy.screen_lock import ScreenLockWatcher
from supportdesk.ui.privacy.settings_tab import PrivacyTab

WRONG_PIN = "That PIN didn't match. Please try again."
TRIES_BEFORE_PAUSE = 5
PAUSE_SECONDS = 30
PAUSED = f"Let's pause for {PAUSE_SECONDS} seconds before the next try."


class PrivacyUi(QObject):
    """Owns the lock screen and the watchers that decide when to show it."""

    def __init__(self, window: QWidget, ctx: AppContext,
                 keyring_check: Callable[[], None] = app_lock.keyring_answers,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.lock = ctx.app.app_lock
        self.keyring_check = keyring_check
        self.policy: LockPolicy = self.lock.policy()
        self.locked = False
        self.wrong_tries = 0
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
        self.pause_timer.setInterval(PAUSE_SECONDS * 1000)
        self._connect_signals()
        self._add_settings_tab()
        window.installEventFilter(self)
        self._apply_policy()

    def _connect_signals(self) -> None:
        self.idle.idle_for.connect(self._on_idle_idle_for)
        self.screen.screen_locked.connect(self._on_screen_screen_locked)
        self.cover.pin_entered.connect(self._on_cover_pin_entered)
        self.cover.keyring_unlock_requested.connect(self._on_cover_keyring_unlock_requested)
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
        tab.lock_settings_changed.connect(self._apply_policy)
        return tab

    def _apply_policy(self) -> None:
        self.policy = self.lock.policy()
        if self.policy.enabled and self.policy.with_screen and not self.screen.listening:
            self.screen.start()
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
        self._covers = {self.window: self.cover}
        for other in QApplication.topLevelWidgets():
            if other is not self.window and other.isVisible() and not other.inherits("QMenu"):
                self._covers[other] = self._new_cover(other)
        for host, cover in self._covers.items():
            self._hidden += [child for child in _contents(host, cover) if child.isVisible()]
        for widget in self._hidden:
            widget.hide()
        for host, cover in self._covers.items():
            cover.setGeometry(host.rect())
            cover.show()
            cover.raise_()
            cover.prepare(self.policy.has_pin)

    def unlock(self) -> None:
        self.locked = False
        self.wrong_tries = 0
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

    def covers(self) -> list[LockScreen]:
        return [cover for cover in self._covers.values() if shiboken6.isValid(cover)]

    def _new_cover(self, host: QWidget) -> LockScreen:
        cover = LockScreen(host)
        cover.pin_entered.connect(self._on_cover_pin_entered)
        cover.keyring_unlock_requested.connect(self._on_cover_keyring_unlock_requested)
        host.installEventFilter(self)
        return cover

    def _show_message(self, text: str) -> None:
        for cover in self.covers():
            cover.show_message(text)

    # -- slots ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() == QEvent.Type.Resize:
            cover = self._covers.get(watched)
            if cover is not None:
                cover.setGeometry(watched.rect())
        return False

    def _on_idle_idle_for(self, seconds: float) -> None:
        if self.policy.should_lock_after(seconds):
            self.lock_now()

    def _on_screen_screen_locked(self) -> None:
        if self.policy.enabled and self.policy.with_screen:
            self.lock_now()

    def _on_cover_pin_entered(self, pin: str) -> None:
        if self.pause_timer.isActive():
            self._show_message(PAUSED)
            return
        if self.lock.check_pin(pin):
            self.unlock()
            return
        self.wrong_tries += 1
        if self.wrong_tries >= TRIES_BEFORE_PAUSE:
            self.wrong_tries = 0
            self.pause_timer.start()
            self._enable_unlock(False)
            self._show_message(PAUSED)
        else:
            self._show_message(WRONG_PIN)

    def _enable_unlock(self, on: bool) -> None:
        for cover in self.covers():
            cover.unlock_button.setEnabled(on)

    def _on_pause_timer_timeout(self) -> None:
        self._enable_unlock(True)
        self._show_message("")

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


def install(window: QWidget, ctx: AppContext) -> PrivacyUi:
    """Add the app lock to ``window``; it does nothing until turned on in Settings."""
    return PrivacyUi(window, ctx)
