"""What your people do for your mood: the median change in words, kindly."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from supportdesk.core.mood_effect import (
    MIN_CHECKINS,
    lately_since,
    median_change,
    mood_effect,
    not_yet_words,
)


def changes(*values: int) -> Counter[int]:
    return Counter(values)


def words(*values: int, stressful: bool = False, name: str = "Robin") -> str | None:
    return mood_effect(7, name, stressful, changes(*values)).words


def test_no_data_says_nothing() -> None:
    assert median_change({}) is None
    effect = mood_effect(7, "Robin", False, {})
    assert (effect.count, effect.median, effect.words) == (0, None, None)


def test_fewer_than_five_says_nothing_and_exactly_five_speaks() -> None:
    assert MIN_CHECKINS == 5
    assert words(1, 1, 1, 1) is None
    assert mood_effect(7, "Robin", False, changes(1, 1, 1, 1)).count == 4
    assert words(1, 1, 1, 1, 1) == "After time with Robin you usually feel a bit better."


def test_the_median_in_words() -> None:
    assert words(2, 2, 3, 0, 2) == "After time with Robin you usually feel a lot better."
    assert words(1, 0, 1, 2, 1) == "After time with Robin you usually feel a bit better."
    assert words(0, 0, 1, -1, 0) == "After time with Robin you usually feel about the same."


def test_ties_at_zero_are_about_the_same() -> None:
    assert median_change(changes(0, 0, 0, 0, 0)) == 0
    assert words(0, 0, 0, 0, 0) == "After time with Robin you usually feel about the same."
    assert words(-1, -1, 0, 1, 1) == "After time with Robin you usually feel about the same."


def test_an_even_count_takes_the_middle_two() -> None:
    assert median_change(changes(0, 0, 0, 1, 1, 1)) == 0.5
    assert words(0, 0, 0, 1, 1, 1) == "After time with Robin you usually feel about the same."
    assert median_change(changes(1, 1, 1, 2, 2, 2)) == 1.5
    assert words(1, 1, 1, 2, 2, 2) == "After time with Robin you usually feel a bit better."
    assert median_change(changes(-1, -1, -1, 0, 0, 0)) == -0.5
    assert words(-1, -1, -1, 0, 0, 0) == "After time with Robin you usually feel about the same."


def test_a_fall_is_never_blamed_on_anyone() -> None:
    assert words(-1, -1, -2, 0, -1) is None
    assert words(-3, -3, -3, -3, -3) is None


def test_a_fall_with_a_tie_marked_stressful_is_met_kindly() -> None:
    assert words(-1, -1, -2, 0, -1, stressful=True, name="Dale") == (
        "Check-ins with Dale have often been hard lately — it's okay to take care of "
        "yourself around them.")
    # a stressful tie that usually goes well reads as it goes
    assert words(1, 1, 1, 1, 1, stressful=True, name="Dale") == (
        "After time with Dale you usually feel a bit better.")


def test_the_words_never_rank_or_diagnose() -> None:
    said = [words(*([c] * 5), stressful=s) for c in range(-4, 5) for s in (False, True)]
    text = " ".join(w for w in said if w)
    for word in ("best", "worst", "most", "least", "than", "depress", "toxic", "worse"):
        assert word not in text.casefold()


def test_not_yet_shows_how_many_are_needed() -> None:
    assert not_yet_words("Robin", 3) == (
        "Once you've noted your mood before and after 5 check-ins with Robin, this shows "
        "how you tend to feel after time together (3 so far).")
    assert "(none so far)" in not_yet_words("Robin", 0)


def test_lately_starts_at_local_midnight_a_year_back_in_any_zone() -> None:
    now = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    assert lately_since(now, UTC) == datetime(2025, 6, 1, tzinfo=UTC)
    # already 2 June in Auckland (NZST, +12 in June 2025)
    assert lately_since(now, ZoneInfo("Pacific/Auckland")) == datetime(
        2025, 6, 1, 12, 0, tzinfo=UTC)
    # 1 June in New York too, whose midnight (EDT, -4) is 04:00 UTC
    assert lately_since(now, ZoneInfo("America/New_York")) == datetime(
        2025, 6, 1, 4, 0, tzinfo=UTC)
    # two hours later it is 2 June in UTC, still 1 June in New York
    later = now + timedelta(hours=2)
    assert lately_since(later, UTC) == datetime(2025, 6, 2, tzinfo=UTC)
    assert lately_since(later, ZoneInfo("America/New_York")) == datetime(
        2025, 6, 1, 4, 0, tzinfo=UTC)


def test_lately_is_the_same_all_day_even_on_a_clock_change_day() -> None:
    london = ZoneInfo("Europe/London")
    day = [datetime(2026, 3, 29, hour, tzinfo=london) for hour in (0, 3, 12, 23)]
    assert len({lately_since(moment, london) for moment in day}) == 1
    # a year before 29 March 2026 was in winter time: midnight is 00:00 UTC
    assert lately_since(day[0], london) == datetime(2025, 3, 29, tzinfo=UTC)
    autumn = datetime(2026, 10, 25, 12, tzinfo=london)
    assert lately_since(autumn, london) == datetime(2025, 10, 24, 23, 0, tzinfo=UTC)
    assert lately_since(autumn + timedelta(hours=11), london) == lately_since(autumn, london)
