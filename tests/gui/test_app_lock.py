"""App lock: opt-in, locks after idle or with the screen, hides contents, keeps input."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import KeyringUnavailableError
from supportdesk.services import app_lock
from supportdesk.services.session import Session
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.privacy.install import PAUSE_SECONDS, PAUSED, WRONG_PIN, PrivacyUi
from supportdesk.ui.privacy.settings_tab import PrivacyTab


class Window(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.settings_tabs: list[tuple[str, Callable[..., QWidget]]] = []
        self.note = QLineEdit()
        self.setCentralWidget(self.note)
        self.resize(600, 400)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(qtbot: QtBot) -> Window:
    win = Window()
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def keyring_calls() -> list[str]:
    return []


@pytest.fixture
def ui(window: Window, session: Session, clock: FakeClock,
       keyring_calls: list[str]) -> Iterator[PrivacyUi]:
    ctx = AppContext(session, Events(), QUndoStack())
    installed = PrivacyUi(window, ctx, keyring_check=lambda: keyring_calls.append("asked"),
                          clock=clock, wall_clock=clock)
    yield installed
    installed.screen.stop()
    if installed.locked:
        installed.unlock()
    app_lock.set_locked(False)


def _privacy_tab(window: Window) -> PrivacyTab:
    (name, factory), = window.settings_tabs
    assert name == "Privacy"
    tab = factory()
    assert isinstance(tab, PrivacyTab)
    return tab


def _turn_on_with_pin(window: Window, qtbot: QtBot, pin: str = "2468") -> PrivacyTab:
    tab = _privacy_tab(window)
    qtbot.addWidget(tab)
    tab.enabled.click()
    qtbot.keyClicks(tab.pin, pin)
    qtbot.keyClicks(tab.pin_again, pin)
    tab.save_pin.click()
    assert tab.pin_message.text() == "Your PIN is saved."
    return tab


def _go_idle(ui: PrivacyUi, clock: FakeClock, seconds: float) -> None:
    clock.now += seconds
    ui.idle._on_timer_timeout()


def test_off_by_default_so_idle_never_locks(ui: PrivacyUi, clock: FakeClock) -> None:
    _go_idle(ui, clock, 24 * 3600)
    assert not ui.locked
    assert not app_lock.is_locked()


def test_idle_locks_hides_contents_and_the_pin_unlocks_with_text_kept(
    ui: PrivacyUi, window: Window, clock: FakeClock, qtbot: QtBot
) -> None:
    _turn_on_with_pin(window, qtbot)
    qtbot.keyClicks(window.note, "half a sentence")
    _go_idle(ui, clock, 4 * 60)
    assert not ui.locked  # default is five minutes
    _go_idle(ui, clock, 60)
    assert ui.locked and app_lock.is_locked()
    assert not window.note.isVisible()
    assert ui.cover.isVisible() and ui.cover.geometry() == window.rect()
    assert ui.cover.title.text() == "SupportDesk is locked"

    qtbot.keyClicks(ui.cover.pin, "1111")
    qtbot.keyClick(ui.cover.pin, Qt.Key.Key_Return)
    assert ui.locked
    assert ui.cover.message.text() == WRONG_PIN

    qtbot.keyClicks(ui.cover.pin, "2468")
    qtbot.keyClick(ui.cover.pin, Qt.Key.Key_Return)
    assert not ui.locked and not app_lock.is_locked()
    assert window.note.isVisible()
    assert window.note.text() == "half a sentence"


def test_typing_keeps_the_lock_away(
    ui: PrivacyUi, window: Window, clock: FakeClock, qtbot: QtBot
) -> None:
    _turn_on_with_pin(window, qtbot)
    clock.now += 4 * 60
    qtbot.keyClicks(window.note, "x")
    _go_idle(ui, clock, 2 * 60)
    assert not ui.locked


def test_an_open_dialog_stays_open_covered_and_can_unlock(
    ui: PrivacyUi, window: Window, clock: FakeClock, qtbot: QtBot
) -> None:
    _turn_on_with_pin(window, qtbot)
    dialog = QDialog(window)
    field = QLineEdit()
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    qtbot.keyClicks(field, "a check-in note")
    _go_idle(ui, clock, 10 * 60)
    assert dialog.isVisible()
    assert not field.isVisible()
    dialog_cover = next(c for c in ui.covers() if c.parentWidget() is dialog)
    assert dialog_cover.isVisible()
    qtbot.keyClicks(dialog_cover.pin, "2468")
    dialog_cover.unlock_button.click()
    assert not ui.locked
    assert field.isVisible() and field.text() == "a check-in note"


def test_many_wrong_pins_ask_for_a_pause(
    ui: PrivacyUi, window: Window, qtbot: QtBot, clock: FakeClock
) -> None:
    _turn_on_with_pin(window, qtbot)
    ui.lock_now()
    for _ in range(5):
        qtbot.keyClicks(ui.cover.pin, "0000")
        qtbot.keyClick(ui.cover.pin, Qt.Key.Key_Return)
    assert ui.cover.message.text() == PAUSED
    assert not ui.cover.unlock_button.isEnabled()
    qtbot.keyClicks(ui.cover.pin, "2468")
    qtbot.keyClick(ui.cover.pin, Qt.Key.Key_Return)
    assert ui.locked  # even the right PIN waits for the pause
    clock.now += PAUSE_SECONDS
    ui.pause_timer.stop()
    ui.pause_timer.timeout.emit()  # the thirty seconds have passed
    qtbot.keyClicks(ui.cover.pin, "2468")
    ui.cover.unlock_button.click()
    assert not ui.locked


def test_without_a_pin_the_keyring_unlocks(
    ui: PrivacyUi, window: Window, keyring_calls: list[str], qtbot: QtBot
) -> None:
    tab = _privacy_tab(window)
    qtbot.addWidget(tab)
    tab.enabled.click()
    assert "does not stop someone" in tab.pin_note.text()
    ui.lock_now()
    assert not ui.cover.pin.isVisible()
    assert ui.cover.unlock_button.text() == "Unlock with my keyring"
    ui.cover.unlock_button.click()
    assert keyring_calls == ["asked"]
    assert not ui.locked


def test_a_keyring_that_says_no_keeps_it_locked_with_a_plain_reason(
    ui: PrivacyUi, window: Window, qtbot: QtBot
) -> None:
    def refuse() -> None:
        raise KeyringUnavailableError("Your keyring is locked.", hint="Unlock it and try again.")

    ui.keyring_check = refuse
    tab = _privacy_tab(window)
    qtbot.addWidget(tab)
    tab.enabled.click()
    ui.lock_now()
    ui.cover.unlock_button.click()
    assert ui.locked
    assert ui.cover.message.text() == "Your keyring is locked. Unlock it and try again."


def test_screen_lock_locks_only_when_chosen(
    ui: PrivacyUi, window: Window, qtbot: QtBot
) -> None:
    ui.screen.screen_locked.emit()
    assert not ui.locked  # the lock is off
    tab = _turn_on_with_pin(window, qtbot)
    tab.with_screen.setChecked(False)
    ui.screen.screen_locked.emit()
    assert not ui.locked
    tab.with_screen.setChecked(True)
    ui.screen.screen_locked.emit()
    assert ui.locked


def test_turning_the_lock_off_while_locked_opens_the_window(
    ui: PrivacyUi, window: Window, qtbot: QtBot
) -> None:
    tab = _turn_on_with_pin(window, qtbot)
    ui.lock_now()
    tab.enabled.click()
    assert not ui.locked
    assert window.note.isVisible()


def test_pin_mismatch_and_bad_shape_are_explained(window: Window, ui: PrivacyUi,
                                                  qtbot: QtBot) -> None:
    tab = _privacy_tab(window)
    qtbot.addWidget(tab)
    qtbot.keyClicks(tab.pin, "1234")
    qtbot.keyClicks(tab.pin_again, "1235")
    tab.save_pin.click()
    assert "not the same" in tab.pin_message.text()
    tab.pin.setText("12")
    tab.pin_again.setText("12")
    tab.save_pin.click()
    assert "4 to 12 digits" in tab.pin_message.text()
    assert not ui.lock.policy().has_pin
