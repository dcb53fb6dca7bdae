"""The daily "How are you?" reminder on a real desktop: dunst and dbus-monitor on a
private bus under Xvfb (as in test_notifications.py).

The Notify call that reaches the daemon carries the reminder's words and its actions,
discreet words say nothing about moods, it comes once a day, and "Note how I am" chosen
in dunst's own menu opens "How are you?" over the window while it is hidden in the tray.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk.core.mood_reminder import MoodReminderRule
from supportdesk.services import settings as keys
from supportdesk.services.clock import ManualClock
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.ui import people_actions
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.mood_dialog import MoodDialog
from supportdesk.ui.events import Events
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.reminders.install import RemindersUi
from supportdesk.ui.reminders.install import install as install_reminders
from tests.integration.reminders_desktop import Desktop, desktop
from tests.integration.test_notifications import (
    PICK_ACTION,
    choose_on_the_notification,
    offscreen_raise,
)

__all__ = ["desktop"]

pytestmark = [pytest.mark.qt_log_ignore("event dispatcher has already been destroyed"),
              pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux D-Bus")]

SWITCHED_ON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
EVENING = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)


@dataclass
class WindowApp:
    ctx: AppContext
    clock: ManualClock
    window: MainWindow
    reminders: RemindersUi


@pytest.fixture
def window_app(desktop: Desktop, tmp_path: Path, db_key: bytes, qtbot: QtBot,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[WindowApp]:
    """The main window as the app builds it, the daily reminder switched on at 19:00 at
    noon, and dunst whose context menu picks the action named in ``choice``."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    pick = tmp_path / "pick-action"
    pick.write_text(PICK_ACTION)
    pick.chmod(0o755)
    desktop.start_notification_daemon(
        f'[global]\n    dmenu = "{pick} {tmp_path / "choice"}"\n')
    db = database.connect(tmp_path / "supportdesk.db", db_key)
    migrations.migrate(db)
    clock = ManualClock(SWITCHED_ON)
    ctx = AppContext(Session(db, clock=clock), Events(), QUndoStack())
    ctx.app.reminders.tz = UTC
    ctx.app.set_mood_reminder(MoodReminderRule(True, time(19, 0)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    people_actions.install(window, ctx)
    reminders = install_reminders(window, ctx)
    yield WindowApp(ctx, clock, window, reminders)
    reminders.shutdown()
    ctx.close()


def evening_comes(app: WindowApp, at: datetime = EVENING) -> None:
    app.reminders.start()
    assert app.reminders.engine.wakeup == EVENING
    app.clock.now = at
    app.reminders.engine.timer.timeout.emit()  # what the single-shot timer does


def test_the_daily_reminder_reaches_the_daemon_once_with_note_how_i_am(
        window_app: WindowApp, desktop: Desktop) -> None:
    evening_comes(window_app)
    [call] = desktop.notify_calls()
    assert call.app_name == "SupportDesk"
    assert (call.title, call.body) == (
        "How are you?", "A moment just for you. Note how you are, if you'd like to.")
    labels = dict(zip(call.actions[::2], call.actions[1::2], strict=False))
    assert {"note-mood": "Note how I am", "open": "Open"}.items() <= labels.items()
    window_app.reminders.engine.refresh()  # a later look that evening: nothing more
    assert len(desktop.notify_calls(count=2, timeout=1.0)) == 1


def test_discreet_words_say_nothing_about_moods(window_app: WindowApp,
                                                desktop: Desktop) -> None:
    window_app.ctx.app.set_setting(keys.DISCREET, True)
    evening_comes(window_app)
    [call] = desktop.notify_calls()
    assert (call.title, call.body) == ("A gentle reminder",
                                       "Open SupportDesk when you have a moment.")


@offscreen_raise
def test_note_how_i_am_on_the_notification_opens_how_are_you_from_the_tray(
        window_app: WindowApp, desktop: Desktop, qtbot: QtBot, tmp_path: Path) -> None:
    evening_comes(window_app, EVENING + timedelta(minutes=3))
    assert len(desktop.notify_calls()) == 1
    window_app.window.close()  # to the tray (reminders are on)
    window_app.window.hide()  # offscreen there is no tray: hidden as the tray would keep it
    assert not window_app.window.isVisible()
    seen: dict[str, object] = {}

    def look_at_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MoodDialog):
            QTimer.singleShot(50, look_at_the_dialog)
            return
        seen.update(window=window_app.window.isVisible(), chosen=dialog.moods.checkedId())
        dialog.reject()

    QTimer.singleShot(0, look_at_the_dialog)
    choose_on_the_notification(desktop, "note-mood", tmp_path)
    qtbot.waitUntil(lambda: "window" in seen, timeout=10_000)
    assert seen == {"window": True, "chosen": -1}
