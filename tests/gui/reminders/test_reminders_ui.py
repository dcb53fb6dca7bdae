"""Reminders installed in a window: start-up summary, engine timing, tray, settings tab.

Offscreen there is no tray and (with no session bus) no notification service, so
these also cover the "nothing can show a notification" path: recorded, never silent.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.services import settings as keys
from supportdesk.services.clock import ManualClock
from supportdesk.services.settings import Settings
from supportdesk.store.models import NotificationLogRow
from supportdesk.ui.context import AppContext
from supportdesk.ui.reminders.install import (
    CLOSE_HINT,
    FIRST_LOOK_MS,
    NO_TRAY_NOTICE,
    RemindersUi,
    install,
)
from supportdesk.ui.reminders.settings_tab import RemindersTab
from tests.gui.reminders.conftest import START


class StandInWindow(QMainWindow):
    """The parts of the shell's MainWindow that reminders use."""

    def __init__(self) -> None:
        super().__init__()
        self.settings_tabs: list[tuple[str, Callable[..., Any]]] = []
        self.keep_running_on_close = True
        self.banners: list[tuple[str, list[tuple[str, Callable[[], None]]]]] = []

    def show_banner(self, text: str, actions: list[tuple[str, Callable[[], None]]]) -> None:
        self.banners.append((text, actions))


def add(ctx: AppContext, name: str, ring: Ring = Ring.INNER) -> Supporter:
    return ctx.session.network.save_supporter(Supporter(name=name, kind=Kind.FRIEND, ring=ring))


def installed(qtbot: QtBot, ctx: AppContext) -> tuple[StandInWindow, RemindersUi]:
    window = StandInWindow()
    qtbot.addWidget(window)
    reminders = RemindersUi(window, ctx)
    reminders.service.tz = UTC
    return window, reminders


def installed_with_sam_due(qtbot: QtBot, ctx: AppContext, clock: ManualClock
                           ) -> tuple[StandInWindow, RemindersUi]:
    """``install`` as the app does it, with one check-in due."""
    add(ctx, "Sam")
    clock.advance(timedelta(days=8))
    window = StandInWindow()
    qtbot.addWidget(window)
    return window, install(window, ctx)


def test_install_adds_the_settings_tab_and_starts_on_the_event_loop(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    window, reminders = installed_with_sam_due(qtbot, ctx, clock)
    assert [name for name, _ in window.settings_tabs] == ["Reminders"]
    assert isinstance(window.settings_tabs[0][1](), RemindersTab)
    qtbot.waitUntil(lambda: reminders.tray.icon.toolTip() == "SupportDesk: 1 check-in is due")


def test_a_quit_before_the_first_look_cancels_it(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    _window, reminders = installed_with_sam_due(qtbot, ctx, clock)
    assert reminders.first_look.isActive()
    reminders.shutdown()  # what the app's aboutToQuit does
    assert not reminders.first_look.isActive()
    # The look it would have taken never comes.
    with qtbot.assertNotEmitted(reminders.engine.due_changed, wait=FIRST_LOOK_MS + 200):
        pass
    assert reminders.tray.icon.toolTip() != "SupportDesk: 1 check-in is due"  # never looked


def test_without_a_tray_closing_quits_and_the_app_says_so_once(
    qtbot: QtBot, ctx: AppContext
) -> None:
    window, reminders = installed(qtbot, ctx)
    reminders.start()
    assert window.keep_running_on_close is False
    assert window.banners == [(NO_TRAY_NOTICE, [])]
    again, reminders_again = installed(qtbot, ctx)
    reminders_again.start()
    assert again.banners == []


def test_a_while_you_were_away_banner_comes_before_the_no_tray_notice(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    add(ctx, "Sam")
    clock.advance(timedelta(days=8))
    window, reminders = installed(qtbot, ctx)
    reminders.start()
    assert [text for text, _ in window.banners] == [
        "While you were away, a check-in with Sam came due."]
    reminders.service.mark_notified(reminders.service.due_now())  # as if it was delivered
    clock.advance(timedelta(days=1))
    later, reminders_later = installed(qtbot, ctx)  # the next start
    reminders_later.start()
    assert later.banners == [(NO_TRAY_NOTICE, [])]


def test_missed_check_ins_show_once_in_a_banner_with_log_and_snooze(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    add(ctx, "Sam")
    add(ctx, "Priya", Ring.MIDDLE)
    clock.advance(timedelta(days=20))
    window, reminders = installed(qtbot, ctx)
    reminders.start()
    assert len(window.banners) == 1
    text, actions = window.banners[0]
    # Longest overdue first: Sam (inner, weekly) before Priya (middle, fortnightly).
    assert text == "While you were away, 2 check-ins came due."  # Today lists who
    labels = [label for label, _ in actions]
    assert labels == ["Log a check-in", "Snooze until tomorrow"]
    with qtbot.waitSignal(ctx.events.checkin_log_requested) as log:
        actions[0][1]()
    assert log.args == [0]
    actions[1][1]()  # snooze everyone until tomorrow morning
    assert reminders.service.due_now() == []


def test_undelivered_reminders_are_recorded_and_tried_again_later(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    add(ctx, "Sam")
    clock.advance(timedelta(days=8))
    _, reminders = installed(qtbot, ctx)
    reminders.start()
    rows = [(r.channel, bool(r.ok)) for r in NotificationLogRow.select()]
    assert rows == [("dbus", False), ("tray", False), ("none", False)]
    assert all("Sam" not in r.detail for r in NotificationLogRow.select())
    # Not marked as shown: the engine tries again in a minute, then less and less often.
    assert reminders.engine.wakeup == clock.now + timedelta(minutes=1)
    waits = []
    for _ in range(5):
        clock.now = reminders.engine.wakeup
        reminders.engine.timer.timeout.emit()
        waits.append(reminders.engine.wakeup - clock.now)
    assert waits == [timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1),
                     timedelta(hours=1), timedelta(hours=1)]
    assert NotificationLogRow.select().where(NotificationLogRow.channel == "none").count() == 6


def test_the_timer_is_aimed_at_the_next_due_moment_and_fires_it(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    add(ctx, "Sam")
    _, reminders = installed(qtbot, ctx)
    reminders.start()
    engine = reminders.engine
    assert engine.wakeup == START + timedelta(days=7)
    assert engine.timer.isActive() and engine.timer.isSingleShot()
    assert engine.timer.interval() == 6 * 60 * 60 * 1000  # re-aimed at least every 6 h
    clock.now = START + timedelta(days=7, seconds=1)
    with qtbot.waitSignal(engine.due_changed) as changed:
        engine.timer.timeout.emit()
    assert [i.name for i in changed.args[0]] == ["Sam"]
    assert reminders.tray.icon.toolTip() == "SupportDesk: 1 check-in is due"


def test_an_edit_re_aims_the_timer(qtbot: QtBot, ctx: AppContext) -> None:
    add(ctx, "Sam")
    _, reminders = installed(qtbot, ctx)
    reminders.start()
    Settings(ctx.session.repo).set_cadence_default(Ring.INNER, 2)  # as the CLI would
    ctx.app.feed.poll()  # a change made elsewhere reaches the feed
    qtbot.waitUntil(lambda: reminders.engine.wakeup == START + timedelta(days=2))


def test_a_clock_jump_or_waking_from_sleep_is_noticed(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    add(ctx, "Sam")
    _, reminders = installed(qtbot, ctx)
    monotonic = [1000.0]
    reminders.engine._monotonic = lambda: monotonic[0]
    reminders.start()
    clock.advance(timedelta(seconds=60))
    monotonic[0] += 60
    assert reminders.engine.check_drift() is False  # an ordinary minute
    # The machine slept: the wall clock moved on, the monotonic clock did not.
    clock.advance(timedelta(days=9))
    with qtbot.waitSignal(reminders.engine.due_changed) as changed:
        assert reminders.engine.check_drift() is True
    assert [i.name for i in changed.args[0]] == ["Sam"]


def test_pausing_from_the_tray_stops_the_timer_and_closing_then_quits(
    qtbot: QtBot, ctx: AppContext
) -> None:
    add(ctx, "Sam")
    _, reminders = installed(qtbot, ctx)
    reminders.start()
    reminders.tray.pause_action.trigger()
    assert reminders.service.paused
    # The engine and the tray follow the change bus: on the next turn of the event loop.
    qtbot.waitUntil(lambda: not reminders.engine.timer.isActive())
    assert reminders.tray.icon.toolTip() == "SupportDesk: reminders are paused"


def test_the_settings_tab_saves_each_change(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    tab = RemindersTab(ctx)
    qtbot.addWidget(tab)
    settings = Settings(ctx.session.repo)
    assert tab.reminders_on.isChecked()
    assert tab.cadence[Ring.MIDDLE].value() == 14
    with qtbot.waitSignal(ctx.bus.changed):
        tab.cadence[Ring.MIDDLE].setValue(10)
    assert settings.cadence_defaults()[Ring.MIDDLE] == timedelta(days=10)
    tab.discreet.setChecked(True)
    assert settings.get(keys.DISCREET) is True
    tab.quiet.setChecked(True)
    tab.quiet_start.setTime(tab.quiet_start.time().fromString("21:00", "HH:mm"))
    assert settings.quiet_hours() == QuietHours(time(21), time(8), enabled=True)
    tab.reminders_on.setChecked(False)
    assert settings.get(keys.REMINDERS_PAUSED) is True
    tab.at_login.setChecked(True)
    entry = tmp_path / "config" / "autostart" / "supportdesk.desktop"
    assert "--minimized" in entry.read_text()
    tab.at_login.setChecked(False)
    assert not entry.exists()


def test_the_settings_tab_can_send_a_test_notification(qtbot: QtBot, ctx: AppContext) -> None:
    window, reminders = installed(qtbot, ctx)
    tab = window.settings_tabs[0][1]()
    qtbot.addWidget(tab)
    tab.test_button.click()
    assert "didn't accept" in tab.test_result.text()
    assert reminders.service.settings.get(keys.DISCREET) is False


def test_closing_to_the_tray_explains_itself_once(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, reminders = installed(qtbot, ctx)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(reminders.tray, "show_message",
                        lambda title, body: shown.append((title, body)) is None)
    window.keep_running_on_close = True  # as with a real tray
    window.show()
    window.close()
    window.show()
    window.close()
    assert shown == [CLOSE_HINT]
    assert reminders.service.settings.get(keys.TRAY_HINT_SHOWN) is True


def test_quit_from_the_tray_lets_the_window_close_for_good(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, reminders = installed(qtbot, ctx)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda *_: quits.append(True))
    window.keep_running_on_close = True
    reminders.tray.quit_action.trigger()
    assert window.keep_running_on_close is False
    assert quits == [True]


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_log_on_a_notification_brings_the_window_back_and_asks_for_that_person(
    qtbot: QtBot, ctx: AppContext
) -> None:
    from supportdesk.services import app_lock

    sam = add(ctx, "Sam")
    window, reminders = installed(qtbot, ctx)
    window.hide()  # in the tray
    asked: list[int] = []
    ctx.events.checkin_log_requested.connect(asked.append)
    reminders.notifier.log_requested.emit(sam.id)
    assert window.isVisible()
    assert asked == [sam.id]
    # While the app lock is on, only the (covered) window comes: no names, no dialog.
    window.hide()
    app_lock.set_locked(True)
    try:
        reminders.notifier.log_requested.emit(sam.id)
        assert window.isVisible()
        assert asked == [sam.id]
    finally:
        app_lock.set_locked(False)


def test_snooze_on_a_notification_snoozes_that_person_only(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    sam = add(ctx, "Sam")
    add(ctx, "Priya")
    clock.advance(timedelta(days=8))
    _window, reminders = installed(qtbot, ctx)
    reminders.notifier.snooze_requested.emit(sam.id)
    assert [item.name for item in reminders.service.due_now()] == ["Priya"]
    assert ctx.app.network.supporter(sam.id).cadence.snoozed_until == datetime(
        2026, 6, 10, 9, 0, tzinfo=UTC)


def test_the_away_banner_shows_on_today_only_in_one_line_and_goes_once_logged(
    qtbot: QtBot, ctx: AppContext, clock: ManualClock
) -> None:
    from supportdesk.core.kinds import Mode
    from supportdesk.core.model import CheckIn
    from supportdesk.ui.main_window import MainWindow

    sam = add(ctx, "Sam")
    add(ctx, "Priya", Ring.MIDDLE)
    clock.advance(timedelta(days=20))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    reminders = RemindersUi(window, ctx)
    reminders.service.tz = UTC
    reminders.start()
    assert window.banner.isVisible()
    line = window.banner.text.fontMetrics().height()
    assert window.banner.text.height() < 2 * line  # one line at 800x600
    window.show_page("people")
    assert not window.banner.isVisible()  # Today's, not every page's
    ctx.events.supporter_open_requested.emit(sam.id or 0)
    assert not window.banner.isVisible()
    window.show_page("today")
    assert window.banner.isVisible()
    ctx.app.log_checkin(CheckIn(sam.id or 0, clock.now, Mode.CALL))
    qtbot.waitUntil(lambda: "with Priya" in window.banner.text.text())
    assert window.banner.isVisible()  # Priya is still due
    reminders._on_tray_snooze_all_requested("tomorrow")
    qtbot.waitUntil(lambda: not window.banner.isVisible())
    window.show_page("people")
    window.show_page("today")
    assert not window.banner.isVisible()  # gone, not only kept back
