"""The tray icon's badge, tooltip and menu, driven as a person would click them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from supportdesk.core.schedule import DueItem, SnoozeOption
from supportdesk.ui.events import Events
from supportdesk.ui.reminders.tray import ReminderTray, badged_icon, base_icon, tooltip_text

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def due(supporter_id: int, name: str, days: int = 2) -> DueItem:
    at = NOW - timedelta(days=days)
    return DueItem(supporter_id, name, at, at, timedelta(days=days))


def action_named(menu: QMenu, text: str) -> QAction:
    matches = [a for a in menu.actions() if a.text().startswith(text)]
    assert matches, f"no menu item {text!r} in {[a.text() for a in menu.actions()]}"
    return matches[0]


def test_the_menu_has_everything_a_person_needs(qtbot: QtBot) -> None:
    tray = ReminderTray(Events())
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["Reach out now", "Open SupportDesk", "Log a check-in…", "How are you?…",
                     "Due now", "Snooze all", "Pause reminders", "Quit SupportDesk"]
    assert tray.menu.actions()[0] is tray.reach_out_action  # help first, above the chores
    assert tray.pause_action.isCheckable()


def test_tooltip_and_badge_show_the_count(qtbot: QtBot) -> None:
    tray = ReminderTray(Events())
    tray.update_due([due(1, "Sam"), due(2, "Priya")], paused=False)
    assert tray.icon.toolTip() == "SupportDesk: 2 check-ins are due"
    assert tray.due_menu.title() == "Due now (2)"
    tray.update_due([], paused=False)
    assert tray.icon.toolTip() == "SupportDesk: you're up to date"
    assert not tray.snooze_menu.isEnabled()
    tray.update_due([due(1, "Sam")], paused=True)
    assert tray.icon.toolTip() == "SupportDesk: reminders are paused"
    assert tray.pause_action.isChecked()


def test_the_badge_is_drawn_on_the_icon(qtbot: QtBot) -> None:
    plain = base_icon()
    assert not plain.isNull()
    badged = badged_icon(plain, 3)
    assert badged.pixmap(64, 64).toImage() != plain.pixmap(64, 64).toImage()
    assert badged_icon(plain, 0) is plain
    assert tooltip_text(1, False) == "SupportDesk: 1 check-in is due"
    assert isinstance(badged, QIcon)


def test_choosing_someone_due_opens_their_page(qtbot: QtBot) -> None:
    events = Events()
    tray = ReminderTray(events)
    tray.update_due([due(7, "Sam"), due(9, "Priya")], paused=False)
    assert [a.text() for a in tray.due_menu.actions()] == ["Sam", "Priya"]
    with qtbot.waitSignal(tray.open_requested), \
            qtbot.waitSignal(events.supporter_open_requested) as opened:
        action_named(tray.due_menu, "Priya").trigger()
    assert opened.args == [9]


def test_log_and_reach_out_ask_the_window(qtbot: QtBot) -> None:
    events = Events()
    tray = ReminderTray(events)
    with qtbot.waitSignal(events.checkin_log_requested) as log:
        tray.log_action.trigger()
    assert log.args == [0]
    with qtbot.waitSignal(events.reach_out_requested):
        tray.reach_out_action.trigger()


def test_how_are_you_opens_the_window_and_asks_with_no_mood_chosen(qtbot: QtBot) -> None:
    events = Events()
    tray = ReminderTray(events)
    with qtbot.waitSignal(tray.open_requested), \
            qtbot.waitSignal(events.mood_entry_requested) as asked:
        action_named(tray.menu, "How are you?").trigger()
    assert asked.args == [0]


def test_snooze_pause_and_quit(qtbot: QtBot) -> None:
    tray = ReminderTray(Events())
    tray.update_due([due(1, "Sam")], paused=False)
    with qtbot.waitSignal(tray.snooze_all_requested) as snoozed:
        action_named(tray.snooze_menu, "Tomorrow").trigger()
    assert snoozed.args == [SnoozeOption.TOMORROW.value]
    with qtbot.waitSignal(tray.pause_toggled) as paused:
        tray.pause_action.trigger()
    assert paused.args == [True]
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()


def test_a_long_due_list_stays_short(qtbot: QtBot) -> None:
    tray = ReminderTray(Events())
    tray.update_due([due(i, f"Person {i}") for i in range(1, 21)], paused=False)
    texts = [a.text() for a in tray.due_menu.actions()]
    assert len(texts) == 13 and texts[-1] == "8 more…"


def test_without_a_tray_nothing_pretends_to_show(qtbot: QtBot) -> None:
    tray = ReminderTray(Events())  # offscreen: there is never a tray
    assert tray.show() is False
    assert tray.show_message("Time to reach out", "1 check-in is due.") is False
