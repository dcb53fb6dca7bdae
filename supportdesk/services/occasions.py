"""What comes round: the next meetings and the dates that matter, for Today, the person
page, Reach out now, the command line and the reminders.

One's own dates (no supporter's) are kept here; a supporter's meetings and dates are
part of the supporter and change with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from supportdesk.core.availability import available_now
from supportdesk.core.dates import DateKind, ImportantDate, days_words, next_on, years_on
from supportdesk.core.errors import ValidationError
from supportdesk.core.i18n import _
from supportdesk.core.meetings import Meeting, next_meeting, occurrences, when_words
from supportdesk.core.model import Supporter
from supportdesk.core.occasion_checks import check_date
from supportdesk.services.timed import TimedService
from supportdesk.store import meeting_rows

MEETINGS_AHEAD = timedelta(days=14)
DATES_AHEAD_DAYS = 30
TODAY_DATES_DAYS = 14  # Today shows a date this near
COMPANY_SHOWN = 3


@dataclass(frozen=True)
class ComingMeeting:
    supporter: Supporter
    meeting: Meeting
    start: datetime

    def words(self, now: datetime, zone: tzinfo) -> str:
        return _("Next meeting: {when}").format(when=when_words(self.start, now, zone))


@dataclass(frozen=True)
class ComingDate:
    """A date that matters, on the day it next comes round. ``supporter`` None: one's own."""

    item: ImportantDate
    on: date
    supporter: Supporter | None = None

    @property
    def name(self) -> str:
        return self.supporter.name if self.supporter is not None else ""

    def words(self, today: date) -> str:
        """ "Sam's birthday, in 5 days (30)", "A hard day (Losing Gran), tomorrow"."""
        item, when, label = self.item, days_words(self.on, today), self.item.label.strip()
        if item.kind is DateKind.HARD:
            title = _("A hard day ({label})").format(label=label) if label else _("A hard day")
            if self.name:
                title = f"{title} · {self.name}"
            # TRANSLATORS: {title} like "Sam's birthday", {when} like "in 5 days".
            return _("{title}, {when}").format(title=title, when=when)
        if label:
            title = f"{label} ({self.name})" if self.name else label
        elif item.kind is DateKind.BIRTHDAY:
            title = (_("{name}'s birthday").format(name=self.name) if self.name
                     else _("Birthday"))
        else:
            title = (_("{name}'s anniversary").format(name=self.name) if self.name
                     else _("Anniversary"))
        words = _("{title}, {when}").format(title=title[:1].upper() + title[1:], when=when)
        age = years_on(item, self.on)
        return f"{words} ({age})" if age is not None and age > 0 else words


class OccasionsService(TimedService):
    # -- meetings -----------------------------------------------------------

    def next_meeting_of(self, supporter: Supporter, now: datetime | None = None
                        ) -> ComingMeeting | None:
        moment = now or self.session.clock()
        found = [ComingMeeting(supporter, m, start) for m in supporter.meetings
                 if (start := next_meeting(m, moment, self.zone)) is not None]
        return min(found, key=lambda c: c.start, default=None)

    def coming_meetings(self, now: datetime | None = None,
                        ahead: timedelta = MEETINGS_AHEAD) -> list[ComingMeeting]:
        """Every meeting from ``now`` to ``ahead`` later, soonest first."""
        moment = now or self.session.clock()
        found = []
        for supporter in self.session.repo.supporter_heads():
            for meeting in supporter.meetings:
                for start in occurrences(meeting, moment, self.zone, limit=31):
                    if start > moment + ahead:
                        break
                    found.append(ComingMeeting(supporter, meeting, start))
        return sorted(found, key=lambda c: (c.start, c.supporter.name.casefold()))

    # -- dates that matter -----------------------------------------------------

    def own_dates(self) -> list[ImportantDate]:
        return meeting_rows.own_dates()

    def set_own_dates(self, dates: Sequence[ImportantDate]) -> list[ImportantDate]:
        """Replace one's own dates; returns what they were (for an undo)."""
        for item in dates:
            problem = check_date(item)
            if problem:
                raise ValidationError(problem, field="dates")
        before = meeting_rows.own_dates()
        meeting_rows.replace_own_dates(dates)
        return before

    def coming_dates(self, today: date | None = None, days: int = DATES_AHEAD_DAYS
                     ) -> list[ComingDate]:
        """Everyone's dates and one's own that come round within ``days`` days."""
        day = today or self.session.clock().astimezone(self.zone).date()
        found = [ComingDate(item, next_on(item, day)) for item in self.own_dates()]
        for supporter in self.session.repo.supporter_heads():
            found += [ComingDate(item, next_on(item, day), supporter)
                      for item in supporter.dates]
        near = [c for c in found if (c.on - day).days <= days]
        return sorted(near, key=lambda c: (c.on, c.name.casefold()))

    def dates_of(self, supporter: Supporter, today: date | None = None) -> list[ComingDate]:
        day = today or self.session.clock().astimezone(self.zone).date()
        return sorted((ComingDate(item, next_on(item, day), supporter)
                       for item in supporter.dates), key=lambda c: c.on)

    def company_for(self, now: datetime | None = None) -> list[Supporter]:
        """Who could be with the person on a hard day: the closest who can be reached
        now first, then the closest of the rest (people, not services)."""
        moment = now or self.session.clock()
        people = [s for s in self.session.repo.supporter_heads() if s.kind.is_person]
        free = {s.id for s in available_now(people, moment, self.zone)}
        ordered = sorted(people, key=lambda s: (s.id not in free, s.ring.order,
                                                s.name.casefold()))
        return ordered[:COMPANY_SHOWN]
