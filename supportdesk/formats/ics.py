"""A calendar of check-ins: one recurring all-day event per supporter's cadence, and
each appointment still to come as an event of its own.

Each event starts on the supporter's next due date (today when already overdue) and
repeats every N days. A discreet calendar leaves names out of what the calendar shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from supportdesk.core.appointments import Appointment
from supportdesk.core.model import Supporter

PRODID = "-//SupportDesk//Check-ins//EN"
DISCREET_SUMMARY = "Check-in"


@dataclass(frozen=True)
class CheckInSeries:
    """What one event holds; built by the service from the schedule rules."""

    supporter: Supporter
    first: date
    every: timedelta


def summary_for(supporter: Supporter, discreet: bool) -> str:
    return DISCREET_SUMMARY if discreet else f"Check in with {supporter.name}"


APPOINTMENT_LENGTH = timedelta(hours=1)


@dataclass(frozen=True)
class AppointmentEvent:
    """One appointment as an event: with whom, and the questions to bring."""

    appointment: Appointment
    name: str
    questions: tuple[str, ...] = ()


def _appointment_event(item: AppointmentEvent, stamp: datetime, discreet: bool) -> Event:
    a = item.appointment
    event = Event()
    event.add("uid", f"appointment-{a.id}@supportdesk.invalid")
    event.add("dtstamp", stamp)
    event.add("summary", "Appointment" if discreet else f"Appointment with {item.name}")
    event.add("dtstart", a.at)
    event.add("dtend", a.at + APPOINTMENT_LENGTH)
    if not discreet and a.place:
        event.add("location", a.place)
    if not discreet and item.questions:
        event.add("description", "Questions to bring:\n" + "\n".join(
            f"- {q}" for q in item.questions))
    return event


def write_ics(series: list[CheckInSeries], stamp: datetime, discreet: bool = False,
              more: Sequence[Event] = (),
              appointments: tuple[AppointmentEvent, ...] = ()) -> bytes:
    """``more``: other events (meetings and dates, formats/occasions_ics.py)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Check-ins" if discreet else "SupportDesk check-ins")
    for item in series:
        event = Event()
        uid_part = item.supporter.id if item.supporter.id is not None else item.supporter.name
        event.add("uid", f"checkin-{uid_part}@supportdesk.invalid")
        event.add("dtstamp", stamp)
        event.add("summary", summary_for(item.supporter, discreet))
        event.add("dtstart", item.first)
        event.add("dtend", item.first + timedelta(days=1))
        event.add("rrule", {"freq": "daily", "interval": max(1, item.every.days)})
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    for extra in more:
        calendar.add_component(extra)
    for appointment in appointments:
        calendar.add_component(_appointment_event(appointment, stamp, discreet))
    calendar.add_missing_timezones()  # a VTIMEZONE for each TZID a meeting uses
    return bytes(calendar.to_ical())
