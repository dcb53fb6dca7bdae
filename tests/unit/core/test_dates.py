"""Dates that come round each year, 29 February included."""

from __future__ import annotations

from datetime import date

from supportdesk.core.dates import (
    DateKind,
    ImportantDate,
    days_words,
    next_on,
    remind_on,
    valid_day,
    within,
    years_on,
)


def test_next_on_this_year_or_next() -> None:
    birthday = ImportantDate(DateKind.BIRTHDAY, 3, 12)
    assert next_on(birthday, date(2026, 3, 1)) == date(2026, 3, 12)
    assert next_on(birthday, date(2026, 3, 12)) == date(2026, 3, 12)
    assert next_on(birthday, date(2026, 3, 13)) == date(2027, 3, 12)


def test_29_february_comes_round_on_the_28th_without_a_leap_day() -> None:
    leapling = ImportantDate(DateKind.BIRTHDAY, 2, 29, year=2000)
    assert next_on(leapling, date(2026, 1, 1)) == date(2026, 2, 28)
    assert next_on(leapling, date(2027, 3, 1)) == date(2028, 2, 29)
    assert years_on(leapling, date(2026, 2, 28)) == 26


def test_years_only_when_the_year_is_known() -> None:
    assert years_on(ImportantDate(DateKind.ANNIVERSARY, 6, 1), date(2026, 6, 1)) is None


def test_the_reminder_comes_the_chosen_days_before() -> None:
    hard = ImportantDate(DateKind.HARD, 1, 3, remind_days=3, label="Dad")
    assert remind_on(hard, date(2026, 12, 20)) == date(2026, 12, 31)
    assert remind_on(ImportantDate(DateKind.HARD, 1, 3), date(2026, 12, 20)) is None
    assert hard.title == "Dad"
    assert ImportantDate(DateKind.HARD, 1, 3).title == "A hard day"


def test_within_wraps_the_year_end() -> None:
    new_year = ImportantDate(DateKind.BIRTHDAY, 1, 2)
    assert within(new_year, date(2026, 12, 28), 7)
    assert not within(new_year, date(2026, 12, 20), 7)


def test_valid_day() -> None:
    assert valid_day(2, 29) and not valid_day(2, 30) and not valid_day(13, 1)
    assert not valid_day(4, 31) and valid_day(12, 31)


def test_days_words() -> None:
    today = date(2026, 12, 3)
    assert [days_words(date(2026, 12, d), today) for d in (3, 4, 8)] == [
        "today", "tomorrow", "in 5 days"]
