"""The daily reminder's service: its rule saved, the day standing when it is switched
on counted as shown, and paused with the other reminders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from supportdesk.core.mood import MoodEntry
from supportdesk.core.mood_reminder import MoodReminderRule
from supportdesk.services.application import Application
from supportdesk.services.clock import ManualClock
from supportdesk.services.session import Session
from supportdesk.store import database, migrations

EVENING = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 6, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
def app(tmp_path: Path, db_key: bytes, clock: ManualClock) -> Iterator[Application]:
    db = database.connect(tmp_path / "supportdesk.db", db_key)
    migrations.migrate(db)
    made = Application(Session(db, clock=clock))
    made.reminders.tz = UTC
    yield made
    made.close()


def test_off_by_default_and_saved_to_the_minute(app: Application) -> None:
    assert app.mood_reminder.rule() == MoodReminderRule(False, time(19, 0))
    assert app.mood_reminder.due(EVENING) is None
    app.set_mood_reminder(MoodReminderRule(True, time(20, 15, 42)))
    assert app.mood_reminder.rule() == MoodReminderRule(True, time(20, 15))


def test_switched_on_it_asks_from_the_next_reminder_not_for_yesterday(
        app: Application, clock: ManualClock) -> None:
    app.set_mood_reminder(MoodReminderRule(True, time(19, 0)))
    assert app.mood_reminder.due(clock.now) is None  # yesterday's is not asked for
    assert app.mood_reminder.next_wakeup(clock.now) == EVENING
    assert app.mood_reminder.due(EVENING) == date(2026, 6, 1)


def test_moving_the_time_earlier_than_now_does_not_ask_at_once(
        app: Application, clock: ManualClock) -> None:
    app.set_mood_reminder(MoodReminderRule(True, time(19, 0)))
    app.set_mood_reminder(MoodReminderRule(True, time(9, 0)))
    assert app.mood_reminder.due(clock.now) is None
    assert app.mood_reminder.next_wakeup(clock.now) == datetime(2026, 6, 2, 9, 0, tzinfo=UTC)


def test_shown_or_noted_today_it_is_not_due_again(app: Application) -> None:
    app.set_mood_reminder(MoodReminderRule(True, time(19, 0)))
    app.mark_mood_reminder_shown(date(2026, 6, 1))
    assert app.mood_reminder.due(EVENING) is None
    tomorrow = EVENING + timedelta(days=1)
    app.add_mood_entry(MoodEntry(at=tomorrow - timedelta(hours=10), mood=3))
    assert app.mood_reminder.due(tomorrow) is None
    assert app.mood_reminder.due(tomorrow + timedelta(days=1)) == date(2026, 6, 3)


def test_paused_with_the_other_reminders(app: Application) -> None:
    app.set_mood_reminder(MoodReminderRule(True, time(19, 0)))
    app.set_reminders_paused(True)
    assert app.mood_reminder.due(EVENING) is None
    assert app.mood_reminder.next_wakeup(EVENING) is None
