"""The year at a glance, Qt- and store-free: offset spans over summer time, the mood word
for a mean, and how a day reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from supportdesk.core.mood_year import (
    DayMood,
    day_start,
    day_words,
    mood_level,
    mood_word,
    offset_spans,
)

LONDON = ZoneInfo("Europe/London")


def _year(zone: ZoneInfo | timezone, year: int) -> tuple[datetime, datetime]:
    return day_start(date(year, 1, 1), zone), day_start(date(year + 1, 1, 1), zone)


def test_a_zone_without_summer_time_is_one_span() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    spans = offset_spans(*_year(tokyo, 2024), tokyo)
    assert [(s.start, s.seconds) for s in spans] == [(datetime(2023, 12, 31, 15, 0), 9 * 3600)]


def test_london_changes_at_one_in_the_morning_utc_to_the_second() -> None:
    spans = offset_spans(*_year(LONDON, 2024), LONDON)
    assert [(s.start, s.seconds) for s in spans] == [
        (datetime(2024, 1, 1, 0, 0), 0),
        (datetime(2024, 3, 31, 1, 0), 3600),
        (datetime(2024, 10, 27, 1, 0), 0),
    ]


def test_the_southern_hemisphere_starts_the_year_in_summer_time() -> None:
    auckland = ZoneInfo("Pacific/Auckland")
    spans = offset_spans(*_year(auckland, 2024), auckland)
    assert [s.seconds for s in spans] == [13 * 3600, 12 * 3600, 13 * 3600]
    assert spans[0].start == datetime(2023, 12, 31, 11, 0)  # local midnight, 1 January


def test_a_fixed_offset_zone_and_a_half_hour_zone() -> None:
    fixed = timezone(timedelta(hours=-5))
    assert [s.seconds for s in offset_spans(*_year(fixed, 2024), fixed)] == [-5 * 3600]
    adelaide = ZoneInfo("Australia/Adelaide")
    assert [s.seconds for s in offset_spans(*_year(adelaide, 2024), adelaide)] == [
        37800, 34200, 37800]


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
