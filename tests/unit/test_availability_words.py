"""When someone can be reached, in the words a friend would use."""

from __future__ import annotations

from datetime import time

import pytest

from supportdesk.core.availability_words import days_phrase, window_phrase
from supportdesk.core.model import AvailabilityWindow


@pytest.mark.parametrize(("days", "words"), [
    ({0, 1, 2, 3, 4, 5, 6}, "Every day"),
    ({0, 1, 2, 3, 4}, "Weekdays"),
    ({5, 6}, "Weekends"),
    ({0, 1, 2, 4}, "Mon–Wed, Fri"),
    ({1, 3}, "Tue, Thu"),
    ({0, 1}, "Mon, Tue"),
    ({3, 4, 5, 6}, "Thu–Sun"),
    ({2}, "Wed"),
])
def test_days_read_as_a_person_says_them(days: set[int], words: str) -> None:
    assert days_phrase(frozenset(days)) == words


def test_windows_read_as_a_person_says_them() -> None:
    every_day = AvailabilityWindow(frozenset(range(7)), time(9), time(21, 30))
    assert window_phrase(every_day) == "Every day 09:00–21:30"
    assert window_phrase(AvailabilityWindow.always()) == "Any time, day or night"
    weekends = AvailabilityWindow(frozenset({5, 6}), time(0), time(0))
    assert window_phrase(weekends) == "Weekends, all day"
    assert window_phrase(AvailabilityWindow.office_hours()) == "Weekdays 09:00–17:00"
