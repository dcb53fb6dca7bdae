"""The meeting rule: weekly and monthly by weekday, skipped dates, zones and clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from supportdesk.core.meetings import (
    LAST,
    Meeting,
    next_meeting,
    occurrences,
    rule_words,
    soonest,
    when_words,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")

THURSDAY, TUESDAY, FRIDAY, SUNDAY = 3, 1, 4, 6


def local(zone, *parts) -> datetime:
    return datetime(*parts, tzinfo=zone)


def test_every_thursday_comes_weekly_at_its_time() -> None:
    meeting = Meeting(THURSDAY, time(19, 0), timezone="Europe/London")
    starts = occurrences(meeting, local(LONDON, 2026, 12, 1, 12), LONDON, limit=3)
    assert [s.date() for s in starts] == [date(2026, 12, 3), date(2026, 12, 10),
                                          date(2026, 12, 17)]
    assert all(s.time() == time(19, 0) for s in starts)


def test_a_meeting_under_way_is_not_next_but_the_same_day_before_it_is() -> None:
    meeting = Meeting(THURSDAY, time(19, 0), timezone="Europe/London")
    assert next_meeting(meeting, local(LONDON, 2026, 12, 3, 18, 59), LONDON) == local(
        LONDON, 2026, 12, 3, 19)
    assert next_meeting(meeting, local(LONDON, 2026, 12, 3, 19, 1), LONDON) == local(
        LONDON, 2026, 12, 10, 19)


def test_first_and_third_tuesday() -> None:
    meeting = Meeting(TUESDAY, time(18, 30), ordinals=(1, 3), timezone="Europe/London")
    starts = occurrences(meeting, local(LONDON, 2026, 1, 1), LONDON, limit=4)
    assert [s.date() for s in starts] == [date(2026, 1, 6), date(2026, 1, 20),
                                          date(2026, 2, 3), date(2026, 2, 17)]


def test_last_friday_of_the_month_at_month_ends() -> None:
    meeting = Meeting(FRIDAY, time(10, 0), ordinals=(LAST,), timezone="Europe/London")
    starts = occurrences(meeting, local(LONDON, 2026, 1, 1), LONDON, limit=3)
    # January 2026 ends on a Saturday, February on a Saturday, May on a Sunday.
    assert [s.date() for s in starts] == [date(2026, 1, 30), date(2026, 2, 27),
                                          date(2026, 3, 27)]


def test_a_fifth_sunday_only_in_months_that_have_one() -> None:
    meeting = Meeting(SUNDAY, time(11, 0), ordinals=(5,), timezone="Europe/London")
    starts = occurrences(meeting, local(LONDON, 2026, 1, 1), LONDON, limit=4)
    assert [s.date() for s in starts] == [date(2026, 3, 29), date(2026, 5, 31),
                                          date(2026, 8, 30), date(2026, 11, 29)]


def test_skipped_dates_are_left_out() -> None:
    meeting = Meeting(THURSDAY, time(19, 0), timezone="Europe/London",
                      skipped=(date(2026, 12, 24), date(2026, 12, 31)))
    starts = occurrences(meeting, local(LONDON, 2026, 12, 18), LONDON, limit=2)
    assert [s.date() for s in starts] == [date(2027, 1, 7), date(2027, 1, 14)]


def test_the_wall_clock_time_holds_across_a_clock_change() -> None:
    meeting = Meeting(THURSDAY, time(19, 0), timezone="Europe/London")
    before, after = occurrences(meeting, local(LONDON, 2026, 10, 20), LONDON, limit=2)
    assert (before.hour, after.hour) == (19, 19)  # 22 Oct (BST) and 29 Oct (GMT)
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=7, hours=1)


def test_a_time_the_clocks_skip_starts_an_hour_later_by_the_clock() -> None:
    # 8 March 2026: New York's clocks go from 02:00 to 03:00.
    meeting = Meeting(SUNDAY, time(2, 30), timezone="America/New_York")
    start = next_meeting(meeting, local(NEW_YORK, 2026, 3, 7), NEW_YORK)
    assert start is not None
    assert start.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert start.astimezone(NEW_YORK).time() == time(3, 30)


def test_a_meeting_in_another_zone_is_shown_on_the_users_clock() -> None:
    # Thursday 19:00 in New York is Friday 09:00 in Tokyo.
    meeting = Meeting(THURSDAY, time(19, 0), timezone="America/New_York")
    now = local(TOKYO, 2026, 12, 1, 12)
    start = next_meeting(meeting, now, TOKYO)
    assert start is not None
    assert start.astimezone(TOKYO) == local(TOKYO, 2026, 12, 4, 9)
    assert when_words(start, now, TOKYO) == "Friday 09:00"


def test_the_date_is_the_meetings_own_not_the_users() -> None:
    # Early on Friday in Tokyo it is still Thursday in New York: that evening's meeting
    # is still to come.
    meeting = Meeting(THURSDAY, time(19, 0), timezone="America/New_York")
    start = next_meeting(meeting, local(TOKYO, 2026, 12, 4, 8), TOKYO)
    assert start == local(NEW_YORK, 2026, 12, 3, 19)


def test_an_empty_or_unknown_zone_is_the_users() -> None:
    for name in ("", "Nowhere/Atlantis"):
        meeting = Meeting(THURSDAY, time(19, 0), timezone=name)
        start = next_meeting(meeting, local(TOKYO, 2026, 12, 1), TOKYO)
        assert start == local(TOKYO, 2026, 12, 3, 19)


def test_everything_skipped_means_no_next_meeting() -> None:
    meeting = Meeting(FRIDAY, time(10), ordinals=(5,), timezone="UTC",
                      skipped=tuple(date(2026, 1, 1) + timedelta(days=n) for n in range(3000)))
    assert next_meeting(meeting, local(UTC, 2026, 1, 1), UTC) is None


def test_rule_words() -> None:
    assert rule_words(Meeting(THURSDAY, time(19))) == "Every Thursday"
    assert rule_words(Meeting(TUESDAY, time(19), ordinals=(3, 1))) == (
        "First and third Tuesday of the month")
    assert rule_words(Meeting(FRIDAY, time(19), ordinals=(LAST,))) == (
        "Last Friday of the month")


def test_when_words() -> None:
    now = local(LONDON, 2026, 12, 1, 9)  # a Tuesday
    assert when_words(local(LONDON, 2026, 12, 1, 19), now, LONDON) == "Today 19:00"
    assert when_words(local(LONDON, 2026, 12, 2, 19), now, LONDON) == "Tomorrow 19:00"
    assert when_words(local(LONDON, 2026, 12, 3, 19), now, LONDON) == "Thursday 19:00"
    assert when_words(local(LONDON, 2026, 12, 10, 19), now, LONDON) == "Thu 10 Dec 19:00"


def test_soonest_of_several() -> None:
    thursday = Meeting(THURSDAY, time(19), timezone="Europe/London")
    tuesday = Meeting(TUESDAY, time(19), timezone="Europe/London")
    found = soonest([thursday, tuesday], local(LONDON, 2026, 12, 2), LONDON)
    assert found == (thursday, local(LONDON, 2026, 12, 3, 19))
    assert soonest([], local(LONDON, 2026, 12, 2), LONDON) is None
