"""The main flows by keyboard alone: add a supporter, log a check-in, find a person,
open their page — only key presses, in the real main window with its real actions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.ui import people_actions
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.editors.supporter_editor import SupporterEditor
from supportdesk.ui.pages.people_split import shown_person_page

CTRL = Qt.KeyboardModifier.ControlModifier


_WATCHERS: list[QTimer] = []  # kept alive while a nested dialog loop runs


def when_dialog_opens(kind: type[QDialog], steps: Callable[[QDialog], None],
                      done: list[str]) -> None:
    """Run ``steps`` on the first visible dialog of ``kind`` once it is showing."""
    watcher = QTimer()
    watcher.setInterval(10)

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                if not widget.isActiveWindow():
                    widget.activateWindow()  # what the window manager does for a new dialog
                    return
                watcher.stop()
                steps(widget)
                done.append(kind.__name__)
                return

    watcher.timeout.connect(attempt)
    watcher.start()
    _WATCHERS.append(watcher)


def shortcut(qtbot: QtBot, window: QWidget, key: Qt.Key) -> None:
    """Ctrl+key in the main window (focus returns to it when a dialog closes)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, CTRL)


def typed_into_focus(qtbot: QtBot, dialog: QDialog, text: str) -> None:
    target = QApplication.focusWidget() or dialog
    qtbot.keyClicks(target, text)


def press_enter(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)


@pytest.fixture
def window(main_window: QWidget, ctx: AppContext, qtbot: QtBot) -> QWidget:
    if "supportdesk.ui.people_actions" not in getattr(main_window, "extensions", {}):
        people_actions.install(main_window, ctx)  # type: ignore[arg-type]
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def test_add_log_find_and_open_by_keyboard_alone(
    window: QWidget, ctx: AppContext, qtbot: QtBot
) -> None:
    done: list[str] = []

    # Add a supporter: Ctrl+N, type the name, Enter.
    def add_sam(dialog: QDialog) -> None:
        typed_into_focus(qtbot, dialog, "Sam Lee")
        press_enter(qtbot, dialog)

    when_dialog_opens(SupporterEditor, add_sam, done)
    shortcut(qtbot, window, Qt.Key.Key_N)
    assert done == ["SupporterEditor"]
    (sam,) = ctx.session.network.supporters()
    assert sam.name == "Sam Lee"
    shown = shown_person_page(window)  # type: ignore[arg-type]
    assert shown is not None and shown.supporter_id == sam.id  # beside the People list

    # Log a check-in from their page: Ctrl+L, Enter (Sam is already chosen).
    when_dialog_opens(CheckinDialog, lambda d: press_enter(qtbot, d), done)
    shortcut(qtbot, window, Qt.Key.Key_L)
    assert done[-1] == "CheckinDialog"
    assert [c.supporter_id for c in ctx.session.network.checkins()] == [sam.id]

    # Log another from anywhere: go to Check-ins, Ctrl+L, type part of a name, Enter.
    shortcut(qtbot, window, Qt.Key.Key_4)

    def log_by_name(dialog: QDialog) -> None:
        typed_into_focus(qtbot, dialog, "sam")
        press_enter(qtbot, dialog)

    when_dialog_opens(CheckinDialog, log_by_name, done)
    shortcut(qtbot, window, Qt.Key.Key_L)
    assert len(ctx.session.network.checkins()) == 2

    # Find a person and open their page: Ctrl+F, type, Enter.
    ctx.session.network.save_supporter(type(sam)(name="Noor", kind=sam.kind))
    ctx.app.feed.poll()  # a change made elsewhere reaches the feed
    shortcut(qtbot, window, Qt.Key.Key_F)
    assert window.current_key == "people"  # type: ignore[attr-defined]
    qtbot.keyClicks(QApplication.focusWidget(), "noo")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.current_key == "people"  # type: ignore[attr-defined]
    person_page = shown_person_page(window)  # type: ignore[arg-type]
    assert person_page is not None and person_page.name_label.text() == "Noor"
    assert person_page.isAncestorOf(QApplication.focusWidget())  # Enter went into the page

    # Undo by keyboard takes back the last check-in.
    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert len(ctx.session.network.checkins()) == 1
