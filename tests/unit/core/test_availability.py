"""Who can be reached when: time zones, midnight crossing, DST, and the order in a bad moment."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.availability import (
    available_at,
    available_now,
    next_available,
    next_available_words,
)
from supportdesk.core.kinds import Kind, Ring, TieStrength
from supportdesk.core.model import ALL_DAYS, AvailabilityWindow, Supporter

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")


def person(windows: list[AvailabilityWindow], tz: str = "", **kw: object) -> Supporter:
    fields: dict[str, object] = {"name": "Sam", "kind": Kind.FRIEND}
    fields.update(kw)
    return Supporter(availability=windows, timezone=tz, **fields)  # type: ignore[arg-type]


FRI_LATE = AvailabilityWindow(frozenset({4}), time(22, 0), time(2, 0))  # Fri 22:00 -> Sat 02:00
OFFICE = AvailabilityWindow.office_hours()
EVENINGS = AvailabilityWindow(ALL_DAYS, time(18, 0), time(22, 0))
SUNDAY_ALL_DAY = AvailabilityWindow(frozenset({6}), time(0, 0), time(0, 0))


@pytest.mark.parametrize(
    ("windows", "tz", "moment", "user_tz", "expected"),
    [
        # office hours, user's own zone (2026-11-24 is a Tuesday)
        ([OFFICE], "", datetime(2026, 11, 24, 10, 0, tzinfo=UTC), LONDON, True),
        ([OFFICE], "", datetime(2026, 11, 24, 17, 0, tzinfo=UTC), LONDON, False),  # end excluded
        ([OFFICE], "", datetime(2026, 11, 24, 8, 59, tzinfo=UTC), LONDON, False),
        ([OFFICE], "", datetime(2026, 11, 28, 10, 0, tzinfo=UTC), LONDON, False),  # Saturday
        # the supporter's own zone: 10:00 in London is 05:00 in New York
        ([OFFICE], "America/New_York", datetime(2026, 11, 24, 10, 0, tzinfo=UTC), LONDON, False),
        ([OFFICE], "America/New_York", datetime(2026, 11, 24, 15, 0, tzinfo=UTC), LONDON, True),
        # their zone puts it on another day: Mon 23:30 UTC is Tue 10:30 in Sydney
        ([OFFICE], "Australia/Sydney", datetime(2026, 11, 23, 23, 30, tzinfo=UTC), LONDON, True),
        # user's zone when the supporter has none
        ([OFFICE], "", datetime(2026, 11, 24, 15, 0, tzinfo=UTC), NEW_YORK, True),
        ([OFFICE], "", datetime(2026, 11, 24, 10, 0, tzinfo=UTC), NEW_YORK, False),
        # past midnight: belongs to Friday, reaches into Saturday morning
        ([FRI_LATE], "", datetime(2026, 11, 27, 23, 0, tzinfo=UTC), LONDON, True),
        ([FRI_LATE], "", datetime(2026, 11, 28, 1, 59, tzinfo=UTC), LONDON, True),
        ([FRI_LATE], "", datetime(2026, 11, 28, 2, 0, tzinfo=UTC), LONDON, False),
        ([FRI_LATE], "", datetime(2026, 11, 28, 23, 0, tzinfo=UTC), LONDON, False),  # Sat late
        ([FRI_LATE], "", datetime(2026, 11, 27, 1, 0, tzinfo=UTC), LONDON, False),  # Fri early
        # whole day and 24/7
        ([SUNDAY_ALL_DAY], "", datetime(2026, 11, 29, 3, 0, tzinfo=UTC), LONDON, True),
        ([SUNDAY_ALL_DAY], "", datetime(2026, 11, 30, 3, 0, tzinfo=UTC), LONDON, False),
        ([AvailabilityWindow.always()], "", datetime(2026, 11, 24, 3, 0, tzinfo=UTC), LONDON,
         True),
        # no windows: not known, never "available now"
        ([], "", datetime(2026, 11, 24, 10, 0, tzinfo=UTC), LONDON, False),
        # an unknown zone name falls back to the user's zone
        ([OFFICE], "Mars/Olympus", datetime(2026, 11, 24, 10, 0, tzinfo=UTC), LONDON, True),
        # DST: on 2026-03-29 London moves to BST, 09:00 local is 08:00 UTC
        ([OFFICE], "", datetime(2026, 3, 30, 8, 0, tzinfo=UTC), LONDON, True),
        ([OFFICE], "", datetime(2026, 3, 27, 8, 0, tzinfo=UTC), LONDON, False),
    ],
)
def test_available_at(windows: list[AvailabilityWindow], tz: str, moment: datetime,
                      user_tz: ZoneInfo, expected: bool) -> None:
    assert available_at(person(windows, tz), moment, user_tz) is expected


def test_available_now_puts_closest_easiest_people_first_and_services_last() -> None:
    always = [AvailabilityWindow.always()]
    network = [
        person(always, name="Crisis line", kind=Kind.CRISIS, ring=Ring.OUTER),
        person(always, name="Dr Patel", kind=Kind.PROFESSIONAL, ring=Ring.INNER),
        person(always, name="Outer friend", ring=Ring.OUTER),
        person(always, name="Stressful sister", kind=Kind.FAMILY, ring=Ring.INNER,
               stressful=True, tie=TieStrength.STRONG),
        person(always, name="Best friend", ring=Ring.INNER, tie=TieStrength.STRONG),
        person(always, name="Weak inner", ring=Ring.INNER, tie=TieStrength.WEAK),
        person([OFFICE], name="Office only", ring=Ring.INNER),
        person([], name="No hours", ring=Ring.INNER),
    ]
    saturday = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    names = [s.name for s in available_now(network, saturday, LONDON)]
    assert names == ["Best friend", "Stressful sister", "Weak inner", "Outer friend",
                     "Dr Patel", "Crisis line"]


@pytest.mark.parametrize(
    ("windows", "tz", "now", "expected"),
    [
        ([OFFICE], "", datetime(2026, 11, 24, 7, 0, tzinfo=UTC),
         datetime(2026, 11, 24, 9, 0, tzinfo=UTC)),
        ([OFFICE], "", datetime(2026, 11, 27, 18, 0, tzinfo=UTC),  # Friday evening -> Monday
         datetime(2026, 11, 30, 9, 0, tzinfo=UTC)),
        ([OFFICE], "", datetime(2026, 11, 24, 10, 0, tzinfo=UTC),  # already available
         datetime(2026, 11, 24, 10, 0, tzinfo=UTC)),
        ([OFFICE], "America/New_York", datetime(2026, 11, 24, 10, 0, tzinfo=UTC),
         datetime(2026, 11, 24, 14, 0, tzinfo=UTC)),
        # across the spring DST change: Monday 09:00 BST is 08:00 UTC
        ([OFFICE], "", datetime(2026, 3, 27, 18, 0, tzinfo=UTC),
         datetime(2026, 3, 30, 8, 0, tzinfo=UTC)),
        ([], "", datetime(2026, 11, 24, 10, 0, tzinfo=UTC), None),
    ],
)
def test_next_available(windows: list[AvailabilityWindow], tz: str, now: datetime,
                        expected: datetime | None) -> None:
    assert next_available(person(windows, tz), now, LONDON) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (None, "No times added yet"),
        (datetime(2026, 11, 24, 10, 0, tzinfo=UTC), "Available now"),
        (datetime(2026, 11, 24, 18, 0, tzinfo=UTC), "Available from 18:00"),
        (datetime(2026, 11, 25, 9, 0, tzinfo=UTC), "Available tomorrow from 09:00"),
        (datetime(2026, 11, 30, 9, 0, tzinfo=UTC), "Available from Monday 09:00"),
        (datetime(2026, 11, 28, 0, 0, tzinfo=UTC), "Available from Saturday"),
        (datetime(2026, 11, 25, 0, 0, tzinfo=UTC), "Available tomorrow"),
    ],
)
def test_next_available_words(moment: datetime | None, expected: str) -> None:
    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert next_available_words(moment, now, LONDON) == expected

