"""The reminder engine reminds before a meeting through the notifier, once, and aims its
timer at the next reminder."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind
from supportdesk.core.meetings import Meeting
from supportdesk.core.model import Supporter
from supportdesk.services import settings as keys
from supportdesk.services.clock import ManualClock
from supportdesk.services.reminders import Notice
from supportdesk.ui.context import AppContext
from supportdesk.ui.reminders.notifier import DeliveryResult
from tests.gui.reminders.test_reminders_ui import installed

WEDNESDAY_19 = datetime(2026, 6, 3, 19, tzinfo=UTC)  # START is Monday 1 June, 10:00 UTC


def test_a_meeting_reminder_is_shown_once_at_its_lead_time(
        qtbot: QtBot, ctx: AppContext, clock: ManualClock) -> None:
    ctx.app.add_supporter(Supporter("Peer group", Kind.GROUP, meetings=[
        Meeting(2, time(19), timezone="UTC", remind_minutes=120)]))
    _, reminders = installed(qtbot, ctx)
    reminders.ctx.app.occasion_reminders.tz = UTC
    shown: list[Notice] = []

    def notify(notice: Notice) -> DeliveryResult:
        shown.append(notice)
        return DeliveryResult(True, "tray", [])

    reminders.notifier.notify = notify  # type: ignore[method-assign]
    reminders.start()
    engine = reminders.engine
    assert engine.wakeup == WEDNESDAY_19 - timedelta(hours=2)
    clock.now = engine.wakeup + timedelta(seconds=1)
    engine.timer.timeout.emit()
    assert [n.title for n in shown] == ["Peer group meets Today 19:00"]
    clock.now += timedelta(minutes=5)
    engine.timer.timeout.emit()
    assert len(shown) == 1  # once
    assert engine.wakeup == WEDNESDAY_19 + timedelta(days=7, hours=-2)


def test_a_discreet_meeting_reminder_names_no_one(
        qtbot: QtBot, ctx: AppContext, clock: ManualClock) -> None:
    ctx.app.add_supporter(Supporter("Peer group", Kind.GROUP, meetings=[
        Meeting(2, time(19), timezone="UTC", place="Room 2", remind_minutes=60)]))
    ctx.app.set_setting(keys.DISCREET, True)
    _, reminders = installed(qtbot, ctx)
    reminders.ctx.app.occasion_reminders.tz = UTC
    shown: list[Notice] = []
    reminders.notifier.notify = lambda n: (shown.append(n),  # type: ignore[method-assign]
                                           DeliveryResult(True, "tray", []))[1]
    clock.now = WEDNESDAY_19 - timedelta(minutes=30)
    reminders.start()
    assert [(n.title, n.body) for n in shown] == [("A meeting soon",
                                                   "Open SupportDesk for the details.")]
