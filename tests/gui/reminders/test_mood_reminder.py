"""The daily "How are you?" reminder through the real reminder engine, notifier, tray
and Settings tab: off until chosen, once a day, not after a mood was noted, once after a
sleep, held by quiet hours, discreet, and "Note how I am" opening the dialog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk.core.mood import MoodEntry
from supportdesk.core.mood_reminder import MoodReminderRule
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.services import app_lock
from supportdesk.services import settings as keys
from supportdesk.services.clock import ManualClock
from supportdesk.ui import people_actions
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.mood_dialog import MoodDialog
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.reminders.install import RemindersUi
from supportdesk.ui.reminders.notifier import Notifier
from supportdesk.ui.reminders.settings_tab import RemindersTab
from supportdesk.ui.reminders.timer import ReminderEngine
from tests.gui.reminders.conftest import START
from tests.gui.reminders.test_reminders_notifier import FakeDbus

EVENING = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)
MOOD_TITLES = ("How are you?", "A gentle reminder")


@pytest.fixture
def ctx(ctx: AppContext) -> AppContext:
    ctx.app.reminders.tz = UTC
    return ctx


@pytest.fixture
def engine(ctx: AppContext, qtbot: QtBot) -> Iterator[tuple[ReminderEngine, FakeDbus]]:
    dbus = FakeDbus()
    notifier = Notifier(record=ctx.app.record_delivery, platform="linux", dbus=dbus)
    made = ReminderEngine(ctx.app, notifier, ctx.bus)
    yield made, dbus
    made.stop()


def asked(dbus: FakeDbus) -> list[str]:
    return [title for title, _body in dbus.sent if title in MOOD_TITLES]


def fire(engine: ReminderEngine, clock: ManualClock, at: datetime) -> None:
    clock.now = at
    engine.timer.timeout.emit()  # what the single-shot timer does when it fires


def settings_tab(qtbot: QtBot, ctx: AppContext) -> RemindersTab:
    tab = RemindersTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def switch_on_at(qtbot: QtBot, ctx: AppContext, hours: int) -> RemindersTab:
    """In Settings > Reminders, by keyboard: tick the box, then type the time."""
    tab = settings_tab(qtbot, ctx)
    box = tab.mood_reminder
    box.enabled.setFocus()
    qtbot.keyClick(box.enabled, Qt.Key.Key_Space)
    box.at.setTime(QTime(hours, 0))
    return tab


def test_off_by_default_then_chosen_in_settings_and_the_timer_aims_at_it(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus],
        clock: ManualClock) -> None:
    timer, dbus = engine
    tab = settings_tab(qtbot, ctx)
    assert not tab.mood_reminder.enabled.isChecked()
    assert not tab.mood_reminder.at.isEnabled()
    timer.start()
    assert timer.wakeup is None  # no one in the network, and no daily reminder
    tab.mood_reminder.enabled.setFocus()
    qtbot.keyClick(tab.mood_reminder.enabled, Qt.Key.Key_Space)
    assert tab.mood_reminder.at.isEnabled()
    with qtbot.waitSignal(ctx.bus.changed):
        tab.mood_reminder.at.setTime(QTime(19, 0))
    assert ctx.app.mood_reminder.rule() == MoodReminderRule(True, time(19, 0))
    qtbot.waitUntil(lambda: timer.wakeup == EVENING)
    fire(timer, clock, EVENING)
    assert dbus.sent == [("How are you?",
                          "A moment just for you. Note how you are, if you'd like to.")]
    assert [label for _key, label in dbus.actions[0]] == ["Note how I am", "Open"]
    assert timer.wakeup == EVENING + timedelta(days=1)
    # once a day: another look that evening shows nothing more
    fire(timer, clock, EVENING + timedelta(hours=2))
    assert asked(dbus) == ["How are you?"]


def test_switched_on_after_the_time_it_waits_for_the_next_day(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus],
        clock: ManualClock) -> None:
    timer, dbus = engine
    clock.now = EVENING + timedelta(hours=1)
    timer.start()
    switch_on_at(qtbot, ctx, 19)
    qtbot.waitUntil(lambda: timer.wakeup == EVENING + timedelta(days=1))
    assert asked(dbus) == []


def test_not_on_a_day_a_mood_was_already_noted(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus],
        clock: ManualClock) -> None:
    timer, dbus = engine
    switch_on_at(qtbot, ctx, 19)
    timer.start()
    ctx.app.add_mood_entry(MoodEntry(at=START + timedelta(hours=1), mood=4))
    fire(timer, clock, EVENING)
    assert asked(dbus) == []
    fire(timer, clock, EVENING + timedelta(days=1))  # the next day it asks again
    assert asked(dbus) == ["How are you?"]


def test_after_a_sleep_of_days_it_catches_up_once(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus],
        clock: ManualClock) -> None:
    timer, dbus = engine
    switch_on_at(qtbot, ctx, 19)
    monotonic = [1000.0]
    timer._monotonic = lambda: monotonic[0]
    timer.start()
    clock.now = EVENING + timedelta(days=3, hours=2)  # slept: the monotonic clock did not move
    assert timer.check_drift() is True
    assert asked(dbus) == ["How are you?"]  # one, not four
    timer.refresh()
    assert asked(dbus) == ["How are you?"]
    assert timer.wakeup == EVENING + timedelta(days=4)


def test_quiet_hours_hold_it_and_discreet_words_say_nothing_about_moods(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus],
        clock: ManualClock) -> None:
    timer, dbus = engine
    ctx.app.set_quiet_hours(QuietHours(time(18, 0), time(21, 0), enabled=True))
    ctx.app.set_setting(keys.DISCREET, True)
    switch_on_at(qtbot, ctx, 19)
    timer.start()
    qtbot.waitUntil(lambda: timer.wakeup == EVENING + timedelta(hours=2))
    fire(timer, clock, EVENING)  # inside quiet hours: held
    assert dbus.sent == []
    assert timer.wakeup == EVENING + timedelta(hours=2)
    fire(timer, clock, EVENING + timedelta(hours=2))
    assert dbus.sent == [("A gentle reminder", "Open SupportDesk when you have a moment.")]
    assert [label for _key, label in dbus.actions[0]] == ["Note how I am", "Open"]


def test_paused_reminders_pause_it_too(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus],
        clock: ManualClock) -> None:
    timer, dbus = engine
    tab = switch_on_at(qtbot, ctx, 19)
    qtbot.keyClick(tab.reminders_on, Qt.Key.Key_Space)
    assert ctx.app.reminders.paused
    timer.start()
    assert timer.wakeup is None
    fire(timer, clock, EVENING)
    assert dbus.sent == []


def test_note_how_i_am_opens_the_dialog_over_the_window_from_the_tray(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus]) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    people_actions.install(window, ctx)
    reminders = RemindersUi(window, ctx)
    window.hide()  # as the tray keeps it
    seen: dict[str, object] = {}

    def look_at_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MoodDialog):
            QTimer.singleShot(20, look_at_the_dialog)
            return
        seen.update(window=window.isVisible(), chosen=dialog.moods.checkedId())
        dialog.reject()

    QTimer.singleShot(0, look_at_the_dialog)
    reminders.notifier.mood_requested.emit()
    qtbot.waitUntil(lambda: "window" in seen)
    assert seen == {"window": True, "chosen": -1}  # nothing chosen for them
    # while the app is locked only the (covered) window comes, no dialog
    window.hide()
    app_lock.set_locked(True)
    try:
        opened: list[int] = []
        ctx.events.mood_entry_requested.connect(opened.append)
        reminders.notifier.mood_requested.emit()
        assert window.isVisible() and opened == []
    finally:
        app_lock.set_locked(False)
    reminders.shutdown()


def test_note_how_i_am_on_the_notification_is_its_own_action(
        qtbot: QtBot, ctx: AppContext, engine: tuple[ReminderEngine, FakeDbus],
        clock: ManualClock) -> None:
    timer, dbus = engine
    switch_on_at(qtbot, ctx, 19)
    timer.start()
    fire(timer, clock, EVENING)
    assert dbus.on_action is not None
    with qtbot.waitSignal(timer.notifier.mood_requested):
        dbus.on_action(42, "note-mood")
    assert dbus.withdrawn == [42]
    with qtbot.assertNotEmitted(timer.notifier.mood_requested, wait=100):
        dbus.on_action(42, "note-mood")  # done with
