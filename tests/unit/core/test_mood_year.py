"""The year at a glance, Qt- and store-free: local days over summer time, the mood word
for a mean, and how a day reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from zoneinfo import ZoneInfo

from supportdesk.core.mood_year import (
    DayMood,
    day_start,
    day_words,
    mood_level,
    mood_word,
    year_days,
)

LONDON = ZoneInfo("Europe/London")


def _lengths(days: list[tuple[date, datetime, datetime]]) -> dict[date, float]:
    return {day: (end - start).total_seconds() / 3600 for day, start, end in days}


def test_a_year_is_its_local_days_one_after_another() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    days = year_days(2024, tokyo)
    assert len(days) == 366
    assert days[0] == (date(2024, 1, 1), datetime(2023, 12, 31, 15, 0, tzinfo=UTC),
                       datetime(2024, 1, 1, 15, 0, tzinfo=UTC))
    assert days[-1][0] == date(2024, 12, 31)
    assert all(earlier[2] == later[1] for earlier, later in pairwise(days))
    assert set(_lengths(days).values()) == {24.0}


def test_london_has_a_23_and_a_25_hour_day() -> None:
    lengths = _lengths(year_days(2024, LONDON))
    assert lengths[date(2024, 3, 31)] == 23.0
    assert lengths[date(2024, 10, 27)] == 25.0
    assert sum(lengths.values()) == 366 * 24
    assert [d for d, hours in lengths.items() if hours != 24] == [date(2024, 3, 31),
                                                                 date(2024, 10, 27)]


def test_the_southern_hemisphere_and_half_hour_zones() -> None:
    auckland = _lengths(year_days(2024, ZoneInfo("Pacific/Auckland")))
    assert (auckland[date(2024, 4, 7)], auckland[date(2024, 9, 29)]) == (25.0, 23.0)
    adelaide = year_days(2024, ZoneInfo("Australia/Adelaide"))
    assert adelaide[0][1] == datetime(2023, 12, 31, 13, 30, tzinfo=UTC)  # +10:30 in summer
    fixed = year_days(2023, timezone(timedelta(hours=-5)))
    assert len(fixed) == 365 and fixed[0][1] == datetime(2023, 1, 1, 5, 0, tzinfo=UTC)


def test_where_midnight_is_skipped_or_repeated_the_days_still_meet() -> None:
    # Santiago: 00:00 -> 01:00 on 8 September 2024, 00:00 -> 23:00 on 6 April 2024.
    santiago = year_days(2024, ZoneInfo("America/Santiago"))
    lengths = _lengths(santiago)
    assert (lengths[date(2024, 9, 8)], lengths[date(2024, 4, 6)]) == (23.0, 25.0)
    assert all(earlier[2] == later[1]
               for earlier, later in pairwise(santiago))


def test_a_day_starts_at_local_midnight_and_dst_days_are_23_and_25_hours() -> None:
    assert day_start(date(2024, 7, 1), LONDON) == datetime(2024, 6, 30, 23, 0, tzinfo=UTC)
    spring = day_start(date(2024, 4, 1), LONDON) - day_start(date(2024, 3, 31), LONDON)
    autumn = day_start(date(2024, 10, 28), LONDON) - day_start(date(2024, 10, 27), LONDON)
    assert (spring, autumn) == (timedelta(hours=23), timedelta(hours=25))


def test_where_midnight_does_not_exist_the_day_starts_when_the_clocks_jump() -> None:
    # Santiago put its clocks forward at midnight on 8 September 2024: 00:00 -> 01:00.
    santiago = ZoneInfo("America/Santiago")
    start = day_start(date(2024, 9, 8), santiago)
    assert start.astimezone(santiago).date() == date(2024, 9, 8)
    assert (start - timedelta(seconds=1)).astimezone(santiago).date() == date(2024, 9, 7)


def test_the_mood_word_is_the_nearest_mood_halves_going_up() -> None:
    assert [mood_level(m) for m in (1.0, 1.49, 1.5, 2.5, 4.6, 5.0)] == [1, 1, 2, 3, 5, 5]
    assert mood_word(2.5) == "Okay"
    assert mood_word(4.4) == "Good"


def test_a_day_reads_as_its_date_mood_and_count() -> None:
    day = date(2024, 3, 5)
    assert day_words(day, DayMood(day, 3, 1)) == "Tuesday 5 March 2024: Okay, 1 entry"
    assert day_words(day, DayMood(day, 8, 2)) == "Tuesday 5 March 2024: Good, 2 entries"
    assert day_words(day, DayMood(day, 11, 3)) == (
        "Tuesday 5 March 2024: About Good on average (3.7), 3 entries")
    assert day_words(day, DayMood(day, 5, 2)) == (
        "Tuesday 5 March 2024: Between Low and Okay (2.5), 2 entries")
    assert day_words(day, None) == "Tuesday 5 March 2024: nothing noted"
