"""Everyone's meetings and dates, and one's own dates, as calendar events."""

from __future__ import annotations

from datetime import tzinfo

from icalendar import Event

from supportdesk.formats.occasions_ics import DateSeries, MeetingSeries, occasion_events
from supportdesk.services.session import Session
from supportdesk.store import meeting_rows


def occasion_events_now(session: Session, zone: tzinfo, discreet: bool) -> list[Event]:
    now = session.clock()
    meetings, dates = [], []
    for supporter in session.network.supporters():
        meetings += [MeetingSeries(supporter.name, supporter.id, i, m)
                     for i, m in enumerate(supporter.meetings)]
        dates += [DateSeries(supporter.name, supporter.id, i, d)
                  for i, d in enumerate(supporter.dates)]
    dates += [DateSeries("", None, i, d) for i, d in enumerate(meeting_rows.own_dates())]
    return occasion_events(meetings, dates, now.astimezone(zone).date(), now, zone, discreet)
