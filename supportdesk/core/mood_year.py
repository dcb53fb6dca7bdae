"""The year at a glance: each of the person's own days, with how they were on average.

A day is the person's local day (their time zone, with its summer-time changes): a
mood noted at 00:30 local time belongs to that day even when it is still yesterday in
UTC, and the day the clocks change has 23 or 25 hours. Every mood noted counts — a mood
on its own, and a check-in's mood (the mood after it, or the mood before when only that
was noted: one value per check-in, how the person was when it was logged).

``year_days`` gives each local day of a year as the stretch of UTC time it covers, so
the store can add up each day's moods with one SQL query that reads the moods by time
from their indexes (see ``store.mood_rows``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from supportdesk.core.model import MOOD_LABELS


def day_start(day: date, zone: tzinfo) -> datetime:
    """The first moment (UTC) of ``day`` in ``zone``. Where midnight does not exist (a
    zone that changes its clocks at midnight) the day starts when the clocks jump."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def year_days(year: int, zone: tzinfo) -> list[tuple[date, datetime, datetime]]:
    """Each local day of ``year`` with its first moment and the next day's (UTC): the
    stretch of time that is that day where the person lives, 23 or 25 hours long on the
    days the clocks change."""
    days = []
    day, start = date(year, 1, 1), day_start(date(year, 1, 1), zone)
    while day.year == year:
        following = day + timedelta(days=1)
        end = day_start(following, zone)
        days.append((day, start, end))
        day, start = following, end
    return days


def mood_word(mean: float) -> str:
    """The mood word nearest to a mean (halves go up: 2.5 reads "Okay")."""
    return MOOD_LABELS[mood_level(mean)]


def mood_level(mean: float) -> int:
    """1..5: the nearest mood to a mean, halves up (what colours the day's square)."""
    return min(5, max(1, math.floor(mean + 0.5)))


@dataclass(frozen=True)
class DayMood:
    day: date
    total: int  # the moods added up
    count: int  # how many moods were noted that day

    @property
    def mean(self) -> float:
        return self.total / self.count

    @property
    def level(self) -> int:
        return mood_level(self.mean)

    @property
    def words(self) -> str:
        """"Okay, 1 entry", "Between Low and Okay (2.5), 2 entries" or "About Good on
        average (3.7), 3 entries"."""
        entries = f"{self.count} entr{'y' if self.count == 1 else 'ies'}"
        if self.total % self.count == 0:
            return f"{MOOD_LABELS[self.level]}, {entries}"
        if (2 * self.total) % self.count == 0:  # a half: say both (the colour is the upper)
            low = int(self.mean)
            return f"Between {MOOD_LABELS[low]} and {MOOD_LABELS[low + 1]} " \
                   f"({self.mean:.1f}), {entries}"
        return f"About {MOOD_LABELS[self.level]} on average ({self.mean:.1f}), {entries}"


def day_words(day: date, mood: DayMood | None) -> str:
    """The day and how it went, as the grid says it: "Tuesday 5 March 2024: Okay, 1 entry"."""
    name = f"{day:%A} {day.day} {day:%B %Y}"
    return f"{name}: {mood.words}" if mood is not None else f"{name}: nothing noted"


@dataclass(frozen=True)
class MoodYear:
    """One calendar year of the person's days; days with nothing noted are absent."""

    year: int
    days: dict[date, DayMood] = field(default_factory=dict)

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)

    def get(self, day: date) -> DayMood | None:
        return self.days.get(day)

    @property
    def noted_days(self) -> int:
        return len(self.days)
