"""The reminder service with a clock the test moves: due, notify once, away, snooze, record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from supportdesk.core.kinds import Kind, Mode, Ring
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.core.schedule import SnoozeOption
from supportdesk.services import settings as keys
from supportdesk.services.clock import ManualClock
from supportdesk.services.reminders import (
    ReminderService,
    away_notice,
    join_names,
    reminder_notice,
)
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.store import database, migrations
from supportdesk.store.models import NotificationLogRow

START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)




@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "supportdesk.db"


def open_session(db_path: Path, key: bytes, clock: ManualClock) -> Session:
    db = database.connect(db_path, key)
    migrations.migrate(db)
    return Session(db, clock=clock)


@pytest.fixture
def live(db_path: Path, db_key: bytes, clock: ManualClock) -> Iterator[Session]:
    s = open_session(db_path, db_key, clock)
    yield s
    s.close()


def add(session: Session, name: str, ring: Ring = Ring.INNER) -> Supporter:
    return session.network.save_supporter(Supporter(name=name, kind=Kind.FRIEND, ring=ring))


def service(session: Session) -> ReminderService:
    return ReminderService(session, tz=UTC)


def test_someone_added_comes_due_after_their_rings_cadence(
    live: Session, clock: ManualClock
) -> None:
    add(live, "Sam")
    reminders = service(live)
    assert reminders.due_now() == []
    assert reminders.next_wakeup() == START + timedelta(days=7)
    clock.advance(timedelta(days=7))
    assert [i.name for i in reminders.due_now()] == ["Sam"]


def test_a_logged_check_in_of_any_mode_clears_the_reminder(
    live: Session, clock: ManualClock
) -> None:
    sam = add(live, "Sam")
    assert sam.id is not None
    reminders = service(live)
    for mode in Mode:
        clock.advance(timedelta(days=8))
        assert [i.name for i in reminders.due_now()] == ["Sam"]
        live.network.log_checkin(CheckIn(supporter_id=sam.id, at=clock.now, mode=mode))
        assert reminders.due_now() == []


def test_ring_defaults_come_from_settings(live: Session, clock: ManualClock) -> None:
    add(live, "Priya", Ring.OUTER)
    Settings(live.repo).set_cadence_default(Ring.OUTER, 2)
    clock.advance(timedelta(days=2))
    assert [i.name for i in service(live).due_now()] == ["Priya"]


def test_each_reminder_is_notified_once_not_again_and_again(
    live: Session, clock: ManualClock
) -> None:
    add(live, "Sam")
    reminders = service(live)
    clock.advance(timedelta(days=7, minutes=1))
    first = reminders.check()
    assert [i.name for i in first.to_notify] == ["Sam"]
    reminders.mark_notified(first.to_notify)
    clock.advance(timedelta(hours=1))
    second = reminders.check()
    assert [i.name for i in second.due] == ["Sam"]
    assert second.to_notify == []


def test_a_reminder_that_could_not_be_delivered_is_offered_again(
    live: Session, clock: ManualClock
) -> None:
    add(live, "Sam")
    reminders = service(live)
    clock.advance(timedelta(days=8))
    assert reminders.check().to_notify  # delivery failed: nothing marked
    clock.advance(timedelta(minutes=5))
    assert [i.name for i in reminders.check().to_notify] == ["Sam"]


def test_reminders_that_fell_due_while_closed_show_on_the_next_start(
    db_path: Path, db_key: bytes, clock: ManualClock
) -> None:
    first_run = open_session(db_path, db_key, clock)
    add(first_run, "Sam")
    add(first_run, "Priya", Ring.MIDDLE)
    assert service(first_run).check(starting=True).away == []
    first_run.close()

    clock.advance(timedelta(days=20))  # the app stays closed for twenty days
    next_run = open_session(db_path, db_key, clock)
    try:
        reminders = service(next_run)
        found = reminders.check(starting=True)
        assert sorted(i.name for i in found.away) == ["Priya", "Sam"]
        assert found.to_notify == found.away
        reminders.mark_notified(found.to_notify)
        # Shown once: a later check in the same run does not raise them again.
        clock.advance(timedelta(minutes=1))
        assert reminders.check().to_notify == []
    finally:
        next_run.close()


def test_quiet_hours_hold_notifications_and_wake_when_they_end(
    live: Session, clock: ManualClock
) -> None:
    add(live, "Sam")
    reminders = service(live)
    Settings(live.repo).set_quiet_hours(QuietHours(time(22), time(8), enabled=True))
    clock.now = START + timedelta(days=7)  # due at 10:00 ...
    clock.now = clock.now.replace(hour=23)  # ... but it is 23:00 before anyone looks
    found = reminders.check()
    assert [i.name for i in found.due] == ["Sam"]
    assert found.to_notify == []
    assert reminders.next_wakeup() == clock.now.replace(hour=8) + timedelta(days=1)


def test_a_reminder_falling_due_in_quiet_hours_wakes_at_their_end(live: Session) -> None:
    add(live, "Sam")
    reminders = service(live)
    Settings(live.repo).set_quiet_hours(QuietHours(time(9), time(12), enabled=True))
    assert reminders.next_wakeup() == datetime(2026, 6, 8, 12, 0, tzinfo=UTC)


def test_pausing_reminders_stops_notifications_and_the_timer(
    live: Session, clock: ManualClock
) -> None:
    add(live, "Sam")
    reminders = service(live)
    reminders.set_paused(True)
    clock.advance(timedelta(days=9))
    found = reminders.check(starting=True)
    assert [i.name for i in found.due] == ["Sam"]
    assert found.to_notify == [] and found.away == []
    assert reminders.next_wakeup() is None
    reminders.set_paused(False)
    assert [i.name for i in reminders.check().to_notify] == ["Sam"]


def test_snooze_all_moves_everyone_due_to_tomorrow_morning(
    live: Session, clock: ManualClock
) -> None:
    add(live, "Sam")
    add(live, "Priya")
    reminders = service(live)
    clock.advance(timedelta(days=8))
    assert reminders.snooze_all(SnoozeOption.TOMORROW) == 2
    assert reminders.due_now() == []
    tomorrow_nine = (clock.now + timedelta(days=1)).replace(hour=9, minute=0)
    assert reminders.next_wakeup() == tomorrow_nine
    clock.now = tomorrow_nine
    assert len(reminders.check().to_notify) == 2


def test_pausing_one_supporter(live: Session, clock: ManualClock) -> None:
    sam = add(live, "Sam")
    assert sam.id is not None
    reminders = service(live)
    reminders.set_supporter_paused(sam.id, True)
    clock.advance(timedelta(days=30))
    assert reminders.due_now() == []
    reminders.set_supporter_paused(sam.id, False)
    assert len(reminders.due_now()) == 1


def test_the_clock_going_back_loses_nothing(live: Session, clock: ManualClock) -> None:
    add(live, "Sam")
    reminders = service(live)
    clock.advance(timedelta(days=8))
    reminders.check()
    clock.advance(timedelta(days=-3))  # jumped back a few days: not due any more
    assert reminders.check().due == []
    clock.advance(timedelta(days=3))
    assert [i.name for i in reminders.check().to_notify] == ["Sam"]


def test_deliveries_and_failures_are_recorded_without_names(live: Session) -> None:
    reminders = service(live)
    reminders.record_delivery("dbus", False, 2, "no notification service")
    reminders.record_delivery("tray", True, 2)
    rows = list(NotificationLogRow.select().order_by(NotificationLogRow.id))
    assert [(r.channel, bool(r.ok), r.count) for r in rows] == [("dbus", False, 2),
                                                                ("tray", True, 2)]


@pytest.mark.parametrize(
    ("names", "joined"),
    [(["Sam"], "Sam"), (["Sam", "Priya"], "Sam and Priya"),
     (["Sam", "Priya", "Noor"], "Sam, Priya and 1 more"),
     (["Sam", "Priya", "Noor", "Ade"], "Sam, Priya and 2 more")],
)
def test_names_are_joined_the_way_people_write(names: list[str], joined: str) -> None:
    assert join_names(names) == joined


def test_notification_words(live: Session, clock: ManualClock) -> None:
    for name in ("Sam", "Priya", "Noor"):
        add(live, name)
    clock.advance(timedelta(days=8))
    items = service(live).due_now()
    one = reminder_notice(items[:1], discreet=False)
    assert (one.title, one.count) == (f"Time to check in with {items[0].name}", 1)
    assert one.supporter_id == items[0].supporter_id
    several = reminder_notice(items, discreet=False)
    assert several.title == "3 check-ins are due"
    assert several.body == f"{items[0].name}, {items[1].name} and 1 more."
    assert several.supporter_id is None
    away = away_notice(items[:2], discreet=False)
    assert away.body == f"2 check-ins came due: {items[0].name} and {items[1].name}."


def test_discreet_words_hold_no_names(live: Session, clock: ManualClock) -> None:
    add(live, "Sam")
    add(live, "Priya")
    clock.advance(timedelta(days=8))
    items = service(live).due_now()
    for notice in (reminder_notice(items, True), reminder_notice(items[:1], True),
                   away_notice(items, True)):
        text = f"{notice.title} {notice.body}"
        assert "Sam" not in text and "Priya" not in text
        for word in ("mental", "support", "crisis", "therap"):
            assert word not in text.lower()
    assert reminder_notice(items, True).body == "2 check-ins are due."
    assert keys.DISCREET.default is False
