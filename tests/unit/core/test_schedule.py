"""Cadence, snooze, pause and quiet hours, counted the way a person reads a calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Cadence, Supporter
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.core.schedule import (
    DEFAULT_CADENCE,
    SnoozeOption,
    add_local_days,
    default_cadence,
    due_date,
    due_items,
    is_due,
    next_due,
    next_reminder,
    snooze_until,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")


def person(
    name: str = "Sam",
    ring: Ring = Ring.INNER,
    last_contact: datetime | None = None,
    created: datetime = datetime(2026, 1, 1, 12, 0, tzinfo=UTC),
    every: timedelta | None = None,
    paused: bool = False,
    snoozed_until: datetime | None = None,
    id: int = 1,
) -> Supporter:
    return Supporter(name=name, kind=Kind.FRIEND, ring=ring, created=created,
                     last_contact=last_contact, id=id,
                     cadence=Cadence(every=every, paused=paused, snoozed_until=snoozed_until))


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[misc]


def test_ring_defaults_are_a_week_a_fortnight_and_a_month() -> None:
    assert default_cadence(Ring.INNER) == timedelta(days=7)
    assert default_cadence(Ring.MIDDLE) == timedelta(days=14)
    assert default_cadence(Ring.OUTER) == timedelta(days=30)


@pytest.mark.parametrize(
    ("zone", "last_local", "days", "due_local", "real_hours"),
    [
        # Europe/London: clocks go forward 29 Mar 2026, back 25 Oct 2026.
        (LONDON, (2026, 3, 27, 18, 0), 7, (2026, 4, 3, 18, 0), 167),
        (LONDON, (2026, 10, 23, 18, 0), 7, (2026, 10, 30, 18, 0), 169),
        # America/New_York: forward 8 Mar 2026, back 1 Nov 2026.
        (NEW_YORK, (2026, 3, 5, 9, 30), 7, (2026, 3, 12, 9, 30), 167),
        (NEW_YORK, (2026, 10, 29, 9, 30), 14, (2026, 11, 12, 9, 30), 14 * 24 + 1),
        # Australia/Sydney (southern hemisphere): back 5 Apr 2026, forward 4 Oct 2026.
        (SYDNEY, (2026, 4, 1, 20, 0), 7, (2026, 4, 8, 20, 0), 169),
        (SYDNEY, (2026, 10, 1, 20, 0), 30, (2026, 10, 31, 20, 0), 30 * 24 - 1),
        # No change in between: exactly the cadence.
        (LONDON, (2026, 6, 1, 8, 15), 7, (2026, 6, 8, 8, 15), 168),
    ],
)
def test_cadence_keeps_the_local_time_of_the_last_contact_across_dst(
    zone: ZoneInfo, last_local: tuple[int, ...], days: int, due_local: tuple[int, ...],
    real_hours: int,
) -> None:
    last = local(zone, *last_local)
    due = due_date(person(last_contact=last, every=timedelta(days=days)), tz=zone)
    assert due is not None
    assert due.astimezone(zone).replace(tzinfo=None) == datetime(*due_local)  # type: ignore[misc]
    assert due - last == timedelta(hours=real_hours)
    assert due.tzinfo is UTC


def test_a_due_time_in_the_skipped_hour_moves_past_the_gap() -> None:
    # 02:30 on 8 March 2026 does not exist in New York: it becomes 03:30.
    last = local(NEW_YORK, 2026, 3, 1, 2, 30)
    due = add_local_days(last, timedelta(days=7), NEW_YORK)
    assert due.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)


def test_a_due_time_in_the_repeated_hour_takes_the_first_one() -> None:
    last = local(NEW_YORK, 2026, 10, 25, 1, 30)
    due = add_local_days(last, timedelta(days=7), NEW_YORK)
    assert due == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT


def test_part_days_are_added_as_elapsed_time() -> None:
    last = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    assert add_local_days(last, timedelta(days=1, hours=12), LONDON) == datetime(
        2026, 6, 2, 22, 0, tzinfo=UTC)


def test_moving_time_zone_keeps_the_same_moment_for_ring_defaults_counted_in_the_new_zone() -> None:
    # A call at 18:00 in London, then the user moves to New York: the reminder is
    # due seven calendar days later at the same instant's New York wall time.
    last = local(LONDON, 2026, 6, 5, 18, 0)
    s = person(last_contact=last)
    in_london = due_date(s, tz=LONDON)
    in_new_york = due_date(s, tz=NEW_YORK)
    assert in_london == in_new_york == last.astimezone(UTC) + timedelta(days=7)


def test_after_moving_zone_the_cadence_follows_the_new_local_clock() -> None:
    # Friday 27 March 2026, 18:00 in London (GMT). London moves to BST on the 29th;
    # New York has been on EDT since the 8th. Counted in London, the reminder is
    # Friday 3 April 18:00 BST (17:00 UTC); for someone now living in New York it is
    # 14:00 EDT, the local time of that call there, which is 18:00 UTC.
    s = person(last_contact=local(LONDON, 2026, 3, 27, 18, 0))
    assert due_date(s, tz=LONDON) == datetime(2026, 4, 3, 17, 0, tzinfo=UTC)
    assert due_date(s, tz=NEW_YORK) == datetime(2026, 4, 3, 18, 0, tzinfo=UTC)


def test_a_clock_going_back_makes_nothing_due_early_and_loses_nothing() -> None:
    s = person(last_contact=datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    due = datetime(2026, 5, 8, 9, 0, tzinfo=UTC)
    assert [i.name for i in due_items([s], due + timedelta(hours=1), tz=UTC)] == ["Sam"]
    earlier = due - timedelta(days=2)  # the clock was set back two days
    assert due_items([s], earlier, tz=UTC) == []
    assert next_reminder([s], earlier, tz=UTC) == due


def test_due_counts_from_when_they_were_added_if_never_contacted() -> None:
    added = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    assert due_date(person(created=added, ring=Ring.MIDDLE), tz=UTC) == added + timedelta(days=14)


@pytest.mark.parametrize("ring", list(Ring))
def test_ring_defaults_from_settings_replace_the_built_in_ones(ring: Ring) -> None:
    last = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    defaults = {**DEFAULT_CADENCE, ring: timedelta(days=3)}
    assert due_date(person(ring=ring, last_contact=last), defaults, UTC) == last + timedelta(days=3)


def test_a_supporters_own_cadence_beats_the_ring_default() -> None:
    last = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    s = person(ring=Ring.OUTER, last_contact=last, every=timedelta(days=2))
    assert due_date(s, tz=UTC) == last + timedelta(days=2)


def test_a_later_contact_of_any_kind_resets_the_cadence() -> None:
    now = datetime(2026, 5, 20, 9, 0, tzinfo=UTC)
    s = person(last_contact=datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    assert is_due(s, now, tz=UTC)
    recent = replace(s, last_contact=datetime(2026, 5, 19, 9, 0, tzinfo=UTC))
    assert not is_due(recent, now, tz=UTC)
    assert next_due(recent, tz=UTC) == datetime(2026, 5, 26, 9, 0, tzinfo=UTC)


def test_paused_supporters_are_never_due() -> None:
    s = person(last_contact=datetime(2025, 1, 1, tzinfo=UTC), paused=True)
    assert next_due(s, tz=UTC) is None
    assert due_items([s], datetime(2026, 1, 1, tzinfo=UTC), tz=UTC) == []


def test_snooze_holds_a_reminder_back_but_never_brings_it_forward() -> None:
    last = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    later = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)
    assert next_due(person(last_contact=last, snoozed_until=later), tz=UTC) == later
    earlier = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
    assert next_due(person(last_contact=last, snoozed_until=earlier), tz=UTC) == (
        last + timedelta(days=7))


def test_due_items_list_who_is_due_longest_overdue_first() -> None:
    now = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
    people = [
        person("Priya", last_contact=datetime(2026, 5, 10, 12, 0, tzinfo=UTC), id=2),
        person("Sam", last_contact=datetime(2026, 5, 1, 12, 0, tzinfo=UTC), id=1),
        person("Noor", last_contact=datetime(2026, 5, 19, 12, 0, tzinfo=UTC), id=3),
        person("Ade", last_contact=datetime(2026, 5, 1, 12, 0, tzinfo=UTC), id=4,
               snoozed_until=datetime(2026, 5, 21, tzinfo=UTC)),
    ]
    items = due_items(people, now, tz=UTC)
    assert [i.name for i in items] == ["Sam", "Priya"]
    assert items[0].overdue_by == timedelta(days=12)
    assert items[1].due_at == datetime(2026, 5, 17, 12, 0, tzinfo=UTC)
    assert next_reminder(people, now, tz=UTC) == datetime(2026, 5, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "now_local", "option", "until_local"),
    [
        (LONDON, (2026, 6, 3, 10, 0), SnoozeOption.LATER_TODAY, (2026, 6, 3, 13, 0)),
        (LONDON, (2026, 6, 3, 20, 0), SnoozeOption.LATER_TODAY, (2026, 6, 3, 22, 0)),
        (LONDON, (2026, 6, 3, 21, 30), SnoozeOption.LATER_TODAY, (2026, 6, 3, 22, 30)),
        (LONDON, (2026, 6, 3, 23, 30), SnoozeOption.TOMORROW, (2026, 6, 4, 9, 0)),
        (LONDON, (2026, 6, 3, 0, 30), SnoozeOption.TOMORROW, (2026, 6, 4, 9, 0)),
        (LONDON, (2026, 6, 3, 15, 0), SnoozeOption.NEXT_WEEK, (2026, 6, 10, 9, 0)),
        # Across the clock changes, still 09:00 on the wall.
        (NEW_YORK, (2026, 3, 7, 22, 0), SnoozeOption.TOMORROW, (2026, 3, 8, 9, 0)),
        (SYDNEY, (2026, 4, 1, 8, 0), SnoozeOption.NEXT_WEEK, (2026, 4, 8, 9, 0)),
    ],
)
def test_snooze_options_land_on_sensible_local_times(
    zone: ZoneInfo, now_local: tuple[int, ...], option: SnoozeOption,
    until_local: tuple[int, ...],
) -> None:
    until = snooze_until(option, local(zone, *now_local), zone)
    assert until.astimezone(zone).replace(tzinfo=None) == datetime(*until_local)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("start", "end", "at", "quiet", "released"),
    [
        (time(22), time(8), (2026, 6, 3, 23, 0), True, (2026, 6, 4, 8, 0)),
        (time(22), time(8), (2026, 6, 3, 3, 0), True, (2026, 6, 3, 8, 0)),
        (time(22), time(8), (2026, 6, 3, 8, 0), False, (2026, 6, 3, 8, 0)),
        (time(22), time(8), (2026, 6, 3, 21, 59), False, (2026, 6, 3, 21, 59)),
        (time(13), time(15), (2026, 6, 3, 14, 0), True, (2026, 6, 3, 15, 0)),
        (time(13), time(15), (2026, 6, 3, 16, 0), False, (2026, 6, 3, 16, 0)),
    ],
)
def test_quiet_hours_hold_notifications_until_they_end(
    start: time, end: time, at: tuple[int, ...], quiet: bool, released: tuple[int, ...],
) -> None:
    hours = QuietHours(start, end, enabled=True)
    moment = local(LONDON, *at)
    assert hours.contains(moment, LONDON) is quiet
    assert hours.release(moment, LONDON) == local(LONDON, *released)


def test_quiet_hours_switched_off_never_hold_anything() -> None:
    moment = local(LONDON, 2026, 6, 3, 23, 0)
    assert not QuietHours(enabled=False).contains(moment, LONDON)
    assert QuietHours(enabled=False).release(moment, LONDON) == moment

