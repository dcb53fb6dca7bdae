"""Reminders before meetings and dates: opt-in, once each, quiet hours, pause and discretion."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import Kind
from supportdesk.core.meetings import Meeting
from supportdesk.core.model import Supporter
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.services.application import Application
from supportdesk.services.occasion_reminders import OccasionReminderService
from supportdesk.services.session import Session
from supportdesk.store import change_counts

THURSDAY_19 = datetime(2026, 11, 26, 19, tzinfo=UTC)


def _app(session: Session) -> Application:
    app = Application(session)
    app.occasion_reminders = OccasionReminderService(session, tz=UTC)
    return app


def _group(app: Application, remind: int | None = 60) -> Supporter:
    return app.add_supporter(Supporter("Peer group", Kind.GROUP, meetings=[
        Meeting(3, time(19), timezone="UTC", place="Room 2", remind_minutes=remind)]))


def test_a_meeting_reminds_its_lead_time_before_and_only_once(session: Session) -> None:
    app = _app(session)
    _group(app)
    service = app.occasion_reminders
    assert service.next_wakeup(THURSDAY_19 - timedelta(hours=3)) == THURSDAY_19 - timedelta(
        hours=1)
    assert service.due(THURSDAY_19 - timedelta(minutes=61)) == []
    [due] = service.due(THURSDAY_19 - timedelta(minutes=50))
    assert (due.notice.title, due.notice.body) == ("Peer group meets Today 19:00",
                                                   "A reminder you asked for · Room 2.")
    before = change_counts.read(session.db)
    app.mark_occasions_shown([due])
    assert change_counts.changed_topics(before, change_counts.read(session.db)) == {
        "reminders"}
    assert service.due(THURSDAY_19 - timedelta(minutes=40)) == []
    assert service.due(THURSDAY_19 + timedelta(minutes=1)) == []  # it has begun
    # next week's comes in its turn
    assert service.next_wakeup(THURSDAY_19) == THURSDAY_19 + timedelta(days=7, hours=-1)


def test_no_lead_time_no_reminder(session: Session) -> None:
    app = _app(session)
    _group(app, remind=None)
    assert app.occasion_reminders.due(THURSDAY_19 - timedelta(minutes=30)) == []
    assert app.occasion_reminders.next_wakeup(THURSDAY_19 - timedelta(days=1)) is None


def test_quiet_hours_hold_it_and_a_pause_stops_it(session: Session) -> None:
    app = _app(session)
    _group(app)
    app.set_quiet_hours(QuietHours(time(17), time(19, 30), True))
    assert app.occasion_reminders.due(THURSDAY_19 - timedelta(minutes=30)) == []
    assert app.occasion_reminders.next_wakeup(THURSDAY_19 - timedelta(hours=3)) == (
        THURSDAY_19 + timedelta(minutes=30))
    app.set_quiet_hours(QuietHours(time(17), time(19, 30), False))
    app.set_reminders_paused(True)
    assert app.occasion_reminders.due(THURSDAY_19 - timedelta(minutes=30)) == []
    assert app.occasion_reminders.next_wakeup(THURSDAY_19 - timedelta(hours=3)) is None


def test_discreet_reminders_name_no_one(session: Session) -> None:
    app = _app(session)
    _group(app)
    [due] = app.occasion_reminders.due(THURSDAY_19 - timedelta(minutes=30), discreet=True)
    words = due.notice.title + due.notice.body
    assert "Peer" not in words and "Room" not in words


def test_a_hard_day_reminds_gently_days_before_and_asks_about_company(
        session: Session) -> None:
    app = _app(session)
    app.set_own_dates([ImportantDate(DateKind.HARD, 12, 1, label="Losing Gran",
                                     remind_days=3, ask_company=True)])
    service = app.occasion_reminders
    nine = datetime(2026, 11, 28, 9, tzinfo=UTC)
    assert service.next_wakeup(nine - timedelta(days=1)) == nine
    assert service.due(nine - timedelta(minutes=1)) == []
    [due] = service.due(nine + timedelta(hours=2))
    assert due.notice.title == "A hard day (Losing Gran), in 3 days"
    assert "someone with you" in due.notice.body
    assert due.notice.supporter_id is None
    session.network.save_supporter(Supporter("Sam", Kind.FRIEND, dates=[
        ImportantDate(DateKind.BIRTHDAY, 11, 30, remind_days=1)]))
    titles = [r.notice.title for r in service.due(datetime(2026, 11, 29, 12, tzinfo=UTC))]
    assert titles == ["A hard day (Losing Gran), in 2 days", "Sam's birthday, tomorrow"]
