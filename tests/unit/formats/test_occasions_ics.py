"""Meetings and dates in the calendar, read back by real calendar parsers: icalendar reads
the file, recurring_ical_events expands the rules, and what they find is what
SupportDesk's own rule says."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from supportdesk.core.dates import DateKind, ImportantDate, next_on
from supportdesk.core.meetings import LAST, Meeting, occurrences
from supportdesk.formats.ics import write_ics
from supportdesk.formats.occasions_ics import DateSeries, MeetingSeries, occasion_events

STAMP = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TOKYO = ZoneInfo("Asia/Tokyo")  # the user's own zone, unlike the meetings'
MEETINGS = [
    Meeting(3, time(19), timezone="Europe/London", skipped=(date(2026, 12, 24),
                                                          date(2026, 4, 2))),
    Meeting(1, time(18, 30), ordinals=(1, 3), timezone="America/New_York", minutes=60,
            place="https://meet.example/tuesday", remind_minutes=120),
    Meeting(4, time(10), ordinals=(LAST,), timezone="Europe/Berlin"),
    Meeting(6, time(2, 30), ordinals=(5,), timezone="America/New_York"),  # DST gap, 5th
]


def _calendar(meetings=MEETINGS, dates=(), discreet=False) -> Calendar:
    events = occasion_events(
        [MeetingSeries("Group", 7, i, m) for i, m in enumerate(meetings)],
        [DateSeries("Sam", 8, i, d) for i, d in enumerate(dates)],
        STAMP.date(), STAMP, TOKYO, discreet)
    return Calendar.from_ical(write_ics([], STAMP, discreet, events))


def test_the_rules_are_written_as_calendars_expect() -> None:
    events = _calendar().walk("VEVENT")
    rules = [e["rrule"].to_ical().decode() for e in events]
    assert rules == ["FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY;BYDAY=1TU,3TU",
                     "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=5SU"]
    assert events[0]["dtstart"].params["TZID"] == "Europe/London"
    zones = {str(z["tzid"]) for z in _calendar().walk("VTIMEZONE")}
    assert zones == {"Europe/London", "America/New_York", "Europe/Berlin"}
    assert str(events[1]["location"]) == "https://meet.example/tuesday"
    [alarm] = events[1].walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(hours=-2)


def test_a_calendar_parser_finds_every_meeting_supportdesk_does() -> None:
    calendar = _calendar()
    start, end = datetime(2026, 1, 5, tzinfo=UTC), datetime(2027, 1, 5, tzinfo=UTC)
    found = recurring_ical_events.of(calendar).between(start, end)
    theirs = sorted(e.decoded("dtstart").astimezone(UTC) for e in found)
    ours = sorted(s.astimezone(UTC) for m in MEETINGS
                  for s in occurrences(m, start, TOKYO, limit=400) if s < end)
    assert len(ours) > 52 + 24 + 12  # a year of each
    assert theirs == ours
    assert datetime(2026, 12, 24, 19, tzinfo=ZoneInfo("Europe/London")) not in theirs


def test_dates_come_round_yearly_and_29_february_on_the_28th() -> None:
    leap = ImportantDate(DateKind.BIRTHDAY, 2, 29, year=2000, remind_days=2)
    hard = ImportantDate(DateKind.HARD, 11, 2, label="Losing Gran")
    calendar = _calendar([], [leap, hard])
    found = recurring_ical_events.of(calendar).between(date(2026, 1, 1), date(2030, 1, 1))
    theirs = sorted((str(e["summary"]), e.decoded("dtstart")) for e in found)
    ours = sorted((name, next_on(item, date(year, 1, 1))) for year in range(2026, 2030)
                  for name, item in (("Sam's birthday", leap),
                                     ("A hard day: Losing Gran", hard)))
    assert theirs == ours
    assert ("Sam's birthday", date(2028, 2, 29)) in theirs
    assert ("Sam's birthday", date(2027, 2, 28)) in theirs


def test_a_discreet_calendar_names_no_one_and_no_place() -> None:
    data = write_ics([], STAMP, True, occasion_events(
        [MeetingSeries("Secret group", 7, 0, MEETINGS[1])],
        [DateSeries("Sam", 8, 0, ImportantDate(DateKind.HARD, 1, 2, label="Dad"))],
        STAMP.date(), STAMP, TOKYO, discreet=True))
    assert b"Secret" not in data and b"Sam" not in data and b"Dad" not in data
    assert b"meet.example" not in data


def test_the_calendar_export_carries_everyones_meetings_and_dates(session) -> None:
    from supportdesk.core.kinds import Kind
    from supportdesk.core.model import Supporter
    from supportdesk.services.application import Application
    from supportdesk.services.exporting import ExportService

    session.network.save_supporter(Supporter("Peer group", Kind.GROUP, meetings=[MEETINGS[1]],
                                             dates=[ImportantDate(DateKind.BIRTHDAY, 3, 1)]))
    Application(session).set_own_dates([ImportantDate(DateKind.HARD, 1, 2, label="Dad")])
    calendar = Calendar.from_ical(ExportService(session, TOKYO).ics())
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["A hard day: Dad", "Check in with Peer group",
                         "Peer group's birthday", "Peer group: meeting"]
    meeting = next(e for e in calendar.walk("VEVENT") if "meeting" in str(e["summary"]))
    assert meeting["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=1TU,3TU"
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["America/New_York"]
