from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.formats.ics import CheckInSeries, write_ics

STAMP = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_one_recurring_event_per_supporter() -> None:
    series = [CheckInSeries(Supporter("Rosa", Kind.FRIEND, id=3), date(2026, 11, 30),
                            timedelta(days=14))]
    [event] = Calendar.from_ical(write_ics(series, STAMP)).walk("VEVENT")
    assert str(event["summary"]) == "Check in with Rosa"
    assert event.decoded("dtstart") == date(2026, 11, 30)
    rule = event["rrule"]
    assert rule["FREQ"] == ["DAILY"] and rule["INTERVAL"] == [14]


def test_discreet_calendar_shows_no_names() -> None:
    series = [CheckInSeries(Supporter("Rosa Secret", Kind.FRIEND, id=3), date(2026, 11, 30),
                            timedelta(days=7))]
    data = write_ics(series, STAMP, discreet=True)
    assert b"Rosa" not in data
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == "Check-in"
