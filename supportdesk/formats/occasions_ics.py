"""Meetings and dates that matter as calendar events (added to the check-ins calendar).

A meeting is one recurring event in its own time zone (TZID, with the VTIMEZONE the
calendar then carries): ``RRULE:FREQ=WEEKLY;BYDAY=TH`` or
``RRULE:FREQ=MONTHLY;BYDAY=1TU,3TU``, with an EXDATE for each date skipped and an alarm
when a reminder is asked for. A date is a yearly all-day event; a 29 February comes
round on the month's last day (``BYMONTHDAY=-1``), as SupportDesk reminds of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from icalendar import Alarm, Event

from supportdesk.core.dates import DateKind, ImportantDate, on_year
from supportdesk.core.meetings import LAST, Meeting, meeting_zone, rule_days, start_on

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DISCREET_MEETING = "Meeting"
DISCREET_DATE = "A date to remember"


@dataclass(frozen=True)
class MeetingSeries:
    name: str  # whose meeting (a group's name)
    owner_id: int | None
    index: int
    meeting: Meeting


@dataclass(frozen=True)
class DateSeries:
    name: str  # whose date ("" for one's own)
    owner_id: int | None
    index: int
    item: ImportantDate


def meeting_rrule(meeting: Meeting) -> dict[str, object]:
    day = BYDAY[meeting.weekday]
    if meeting.weekly:
        return {"freq": "weekly", "byday": [day]}
    ordered = sorted(meeting.ordinals, key=lambda n: 99 if n == LAST else n)
    return {"freq": "monthly", "byday": [f"{n}{day}" for n in ordered]}


def meeting_event(series: MeetingSeries, today: date, stamp: datetime, user_tz: tzinfo,
                  discreet: bool) -> Event | None:
    meeting = series.meeting
    zone = meeting_zone(meeting, user_tz)
    first = next(rule_days(meeting, today), None)
    if first is None:
        return None
    event = Event()
    event.add("uid", f"meeting-{series.owner_id}-{series.index}@supportdesk.invalid")
    event.add("dtstamp", stamp)
    event.add("summary", DISCREET_MEETING if discreet else f"{series.name}: meeting")
    start = start_on(meeting, first, zone)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=meeting.minutes))
    event.add("rrule", meeting_rrule(meeting))
    skipped = [start_on(meeting, day, zone) for day in sorted(meeting.skipped) if day >= first]
    if skipped:
        event.add("exdate", skipped)
    if meeting.place and not discreet:
        event.add("location", meeting.place)
    if meeting.remind_minutes is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", timedelta(minutes=-meeting.remind_minutes))
        event.add_component(alarm)
    return event


def date_summary(series: DateSeries) -> str:
    item, name = series.item, series.name
    if item.kind is DateKind.HARD:
        return f"A hard day: {item.title}" if item.label.strip() else "A hard day"
    if item.label.strip():
        return f"{item.label.strip()} ({name})" if name else item.label.strip()
    what = item.kind.label.lower()
    return f"{name}'s {what}" if name else f"My {what}"


def date_event(series: DateSeries, today: date, stamp: datetime, discreet: bool) -> Event:
    item = series.item
    first = on_year(item, today.year)
    event = Event()
    event.add("uid", f"date-{series.owner_id}-{series.index}@supportdesk.invalid")
    event.add("dtstamp", stamp)
    event.add("summary", DISCREET_DATE if discreet else date_summary(series))
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    if item.month == 2 and item.day == 29:
        event.add("rrule", {"freq": "yearly", "bymonth": [2], "bymonthday": [-1]})
    else:
        event.add("rrule", {"freq": "yearly"})
    event.add("transp", "TRANSPARENT")
    if item.remind_days is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", timedelta(days=-item.remind_days))
        event.add_component(alarm)
    return event


def occasion_events(meetings: Sequence[MeetingSeries], dates: Sequence[DateSeries],
                    today: date, stamp: datetime, user_tz: tzinfo,
                    discreet: bool = False) -> list[Event]:
    events = [e for s in meetings
              if (e := meeting_event(s, today, stamp, user_tz, discreet)) is not None]
    return events + [date_event(s, today, stamp, discreet) for s in dates]
