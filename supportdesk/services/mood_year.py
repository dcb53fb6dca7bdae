"""The year at a glance: the mean mood of each of the person's days, and one day's moods.

``year`` is one SQL query over every mood noted (on its own, and in check-ins),
grouped by the person's local day (``core.mood_year``). ``day`` lists what was noted on
one day, for the grid's Enter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from supportdesk.core.errors import NotFoundError
from supportdesk.core.model import MOOD_LABELS
from supportdesk.core.mood_year import DayMood, MoodYear, day_start, year_days
from supportdesk.core.schedule import local_zone
from supportdesk.services.session import Session
from supportdesk.store import mood_rows

JUST_ME = "Just me"


@dataclass(frozen=True)
class DayEntry:
    """One mood noted that day: on its own (``checkin`` False) or in a check-in."""

    at: datetime  # in the person's zone
    who: str  # "Just me", or the person the check-in was with
    words: str  # "Okay · tired" or "Low before, Good after"
    note: str
    entry_id: int
    checkin: bool


class MoodYearService:
    def __init__(self, session: Session, zone: tzinfo | None = None) -> None:
        self.session = session
        self.tz = zone
        self._kept: dict[int, tuple[object, MoodYear]] = {}

    @property
    def zone(self) -> tzinfo:
        return self.tz or local_zone()

    def year(self, year: int) -> MoodYear:
        """Each local day of ``year`` with a mood noted: the moods added up, and how many.
        Kept until a mood or check-in is written (by anyone), so showing a year again,
        or the page again, does not ask the database twice."""
        zone = self.zone
        key = (zone, self.session.repo.change_marks()["checkins"])
        kept = self._kept.get(year)
        if kept is not None and kept[0] == key:
            return kept[1]
        rows = mood_rows.mood_by_day(self.session.db, year_days(year, zone))
        moods = MoodYear(year, {day: DayMood(day, total, count) for day, total, count in rows})
        self._kept[year] = (key, moods)
        return moods

    def day(self, day: date) -> list[DayEntry]:
        """What was noted on ``day`` (the person's local day), oldest first."""
        zone = self.zone
        entries, checkins = mood_rows.moods_between(day_start(day, zone),
                                                     day_start(day + timedelta(days=1), zone))
        found = [DayEntry(e.at.astimezone(zone), JUST_ME, e.words, e.note, e.id or 0, False)
                 for e in entries]
        names: dict[int, str] = {}
        for c in checkins:
            if c.supporter_id not in names:
                try:
                    names[c.supporter_id] = self.session.repo.supporter(c.supporter_id).name
                except NotFoundError:
                    names[c.supporter_id] = "Someone"
            found.append(DayEntry(c.at.astimezone(zone), names[c.supporter_id],
                                  _checkin_words(c.mood_before, c.mood_after), c.note,
                                  c.id or 0, True))
        found.sort(key=lambda e: e.at)
        return found


def _checkin_words(before: int | None, after: int | None) -> str:
    if before is not None and after is not None:
        return f"{MOOD_LABELS[before]} before, {MOOD_LABELS[after]} after"
    if after is not None:
        return f"{MOOD_LABELS[after]} after"
    return f"{MOOD_LABELS.get(before or 0, '')} before"
