"""The daily "How are you?" reminder's rules: once a day, at the chosen local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from supportdesk.core.mood_reminder import (
    MoodReminderRule,
    current_day,
    due_day,
    next_moment,
    reminder_moment,
)
from supportdesk.core.quiet_hours import QuietHours

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
ON = MoodReminderRule(enabled=True, at=time(19, 0))
NO_QUIET = QuietHours()


def local(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


def due(now: datetime, zone: ZoneInfo = LONDON, rule: MoodReminderRule = ON,
        quiet: QuietHours = NO_QUIET, shown_for: date | None = None,
        last_mood: datetime | None = None) -> date | None:
    return due_day(rule, now, zone, quiet, shown_for, last_mood)


def test_off_by_default_and_never_due_while_off() -> None:
    assert MoodReminderRule().enabled is False
    off = MoodReminderRule()
    assert due(local(LONDON, 2026, 6, 1, 21, 0), rule=off) is None
    assert next_moment(off, local(LONDON, 2026, 6, 1, 12, 0), LONDON) is None


def test_due_from_the_chosen_local_time_until_the_next_days() -> None:
    assert due(local(LONDON, 2026, 6, 1, 18, 59)) == date(2026, 5, 31)  # never shown
    assert due(local(LONDON, 2026, 6, 1, 18, 59), shown_for=date(2026, 5, 31)) is None
    assert due(local(LONDON, 2026, 6, 1, 19, 0)) == date(2026, 6, 1)
    assert due(local(LONDON, 2026, 6, 2, 9, 0)) == date(2026, 6, 1)  # still standing
    assert due(local(LONDON, 2026, 6, 2, 19, 0)) == date(2026, 6, 2)


def test_once_a_day_shown_is_not_shown_again() -> None:
    assert due(local(LONDON, 2026, 6, 1, 22, 0), shown_for=date(2026, 6, 1)) is None
    assert due(local(LONDON, 2026, 6, 2, 9, 0), shown_for=date(2026, 6, 1)) is None
    assert due(local(LONDON, 2026, 6, 2, 19, 5), shown_for=date(2026, 6, 1)) == date(2026, 6, 2)


def test_not_after_a_mood_was_noted_that_day_even_before_the_time() -> None:
    morning = local(LONDON, 2026, 6, 1, 8, 30)
    assert due(local(LONDON, 2026, 6, 1, 19, 0), last_mood=morning) is None
    # one noted the day before does not count for today
    assert due(local(LONDON, 2026, 6, 1, 19, 0),
               last_mood=local(LONDON, 2026, 5, 31, 23, 50)) == date(2026, 6, 1)


def test_the_day_of_a_mood_is_its_local_day_not_its_utc_day() -> None:
    # 00:30 in Auckland on 2 June is still 1 June in UTC
    noted = local(AUCKLAND, 2026, 6, 2, 0, 30)
    assert noted.astimezone(UTC).date() == date(2026, 6, 1)
    assert due(local(AUCKLAND, 2026, 6, 2, 19, 0), zone=AUCKLAND, last_mood=noted) is None


def test_after_sleeping_through_several_days_it_catches_up_once() -> None:
    woke = local(LONDON, 2026, 6, 5, 21, 0)  # slept from 1 June morning
    assert due(woke) == date(2026, 6, 5)  # one, for today: not one per day missed
    assert due(woke + timedelta(minutes=1), shown_for=date(2026, 6, 5)) is None
    # woken the next morning, before that day's time: the last one, once
    assert due(local(LONDON, 2026, 6, 6, 7, 0), shown_for=date(2026, 6, 1)) == date(2026, 6, 5)


def test_quiet_hours_hold_it_until_they_end_even_past_midnight() -> None:
    quiet = QuietHours(time(22, 0), time(8, 0), enabled=True)
    late = MoodReminderRule(enabled=True, at=time(23, 0))
    assert reminder_moment(late, date(2026, 6, 1), LONDON, quiet) == local(
        LONDON, 2026, 6, 2, 8, 0)
    assert due(local(LONDON, 2026, 6, 1, 23, 30), rule=late, quiet=quiet) is None
    assert due(local(LONDON, 2026, 6, 2, 8, 0), rule=late, quiet=quiet) == date(2026, 6, 1)
    # the evening one, caught in quiet hours after a sleep, waits for the morning
    assert due(local(LONDON, 2026, 6, 1, 22, 30), quiet=quiet) is None
    assert due(local(LONDON, 2026, 6, 2, 8, 0), quiet=quiet) == date(2026, 6, 1)


def test_next_moment_is_the_chosen_time_or_tomorrows() -> None:
    assert next_moment(ON, local(LONDON, 2026, 6, 1, 12, 0), LONDON) == local(
        LONDON, 2026, 6, 1, 19, 0)
    assert next_moment(ON, local(LONDON, 2026, 6, 1, 19, 0), LONDON) == local(
        LONDON, 2026, 6, 2, 19, 0)
    quiet = QuietHours(time(18, 0), time(20, 0), enabled=True)
    assert next_moment(ON, local(LONDON, 2026, 6, 1, 12, 0), LONDON, quiet) == local(
        LONDON, 2026, 6, 1, 20, 0)


def test_the_same_local_time_on_both_sides_of_a_clock_change() -> None:
    # Europe/London: 29 March 2026 springs forward, 25 October falls back
    before = reminder_moment(ON, date(2026, 3, 28), LONDON)
    after = reminder_moment(ON, date(2026, 3, 29), LONDON)
    assert (before.astimezone(LONDON).hour, after.astimezone(LONDON).hour) == (19, 19)
    assert after - before == timedelta(hours=23)  # the short day
    autumn = reminder_moment(ON, date(2026, 10, 25), LONDON) - reminder_moment(
        ON, date(2026, 10, 24), LONDON)
    assert autumn == timedelta(hours=25)  # the long day
    # New York changes on other dates (8 March): still 19:00 there
    assert reminder_moment(ON, date(2026, 3, 8), NEW_YORK) == local(NEW_YORK, 2026, 3, 8, 19)


def test_a_time_skipped_by_the_clock_change_comes_just_after_the_gap() -> None:
    night = MoodReminderRule(enabled=True, at=time(1, 30))
    moment = reminder_moment(night, date(2026, 3, 29), LONDON)  # 01:00-02:00 skipped
    assert moment.astimezone(LONDON).time() == time(2, 30)
    assert due(moment - timedelta(minutes=1), rule=night) == date(2026, 3, 28)
    assert due(moment, rule=night) == date(2026, 3, 29)


def test_a_repeated_time_comes_once_at_its_first_occurrence() -> None:
    night = MoodReminderRule(enabled=True, at=time(1, 30))
    first = reminder_moment(night, date(2026, 10, 25), LONDON)  # 01:00-02:00 twice
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert due(first + timedelta(hours=1), rule=night, shown_for=date(2026, 10, 25)) is None
    assert next_moment(night, first, LONDON) == reminder_moment(night, date(2026, 10, 26),
                                                                LONDON)


def test_the_time_follows_the_zone_the_computer_is_in() -> None:
    now = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)  # 19:30 in New York, 00:30 in London
    assert current_day(ON, now, NEW_YORK) == date(2026, 6, 1)
    assert current_day(ON, now, LONDON) == date(2026, 6, 1)  # London's 2 June: not yet
    assert due(now, zone=LONDON, shown_for=date(2026, 6, 1)) is None
    # flying west after it was shown in London: New York's day is the same day, not anew
    assert due(now, zone=NEW_YORK, shown_for=date(2026, 6, 1)) is None
