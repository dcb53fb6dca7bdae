"""Meetings and dates that matter in the JSON export and the command line's ``--json``.

Both keys are optional in a person's record (an export without them reads as none)."""

from __future__ import annotations

from datetime import date, time
from typing import Any, Protocol

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.meetings import WEEKDAY_NAMES, Meeting


class Fields(Protocol):
    """One JSON object being read (formats/supportdesk_json.py's reader)."""

    def text(self, key: str, required: bool = False) -> str: ...
    def number(self, key: str, required: bool = False) -> int | None: ...
    def flag(self, key: str) -> bool: ...
    def items(self, key: str) -> list[object]: ...
    def clock_time(self, key: str) -> time: ...
    def choice(self, key: str, enum: Any, default: Any = None) -> Any: ...
    def at(self, key: str) -> str: ...


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    return {"weekday": WEEKDAY_NAMES[meeting.weekday].lower(),
            "weeks_of_month": list(meeting.ordinals),  # [] every week; -1 the last
            "time": f"{meeting.at:%H:%M}", "timezone": meeting.timezone,
            "minutes": meeting.minutes, "place": meeting.place,
            "skipped": [d.isoformat() for d in meeting.skipped],
            "remind_minutes_before": meeting.remind_minutes}


def date_json(item: ImportantDate) -> dict[str, Any]:
    return {"kind": item.kind.value, "month": item.month, "day": item.day, "year": item.year,
            "label": item.label, "remind_days_before": item.remind_days,
            "ask_company": item.ask_company}


def meeting_from(f: Fields, wrong: Any) -> Meeting:
    day = f.text("weekday", required=True).capitalize()
    if day not in WEEKDAY_NAMES:
        raise wrong(f.at("weekday"), "should be a day of the week, like “thursday”")
    weeks = f.items("weeks_of_month")
    if any(isinstance(n, bool) or not isinstance(n, int) for n in weeks):
        raise wrong(f.at("weeks_of_month"), "should be a list of whole numbers")
    skipped = []
    for text in f.items("skipped"):
        try:
            skipped.append(date.fromisoformat(str(text)))
        except ValueError:
            raise wrong(f.at("skipped"), "should be dates like 2026-11-24") from None
    return Meeting(weekday=WEEKDAY_NAMES.index(day), at=f.clock_time("time"),
                   ordinals=tuple(int(str(n)) for n in weeks),
                   timezone=f.text("timezone"), minutes=f.number("minutes") or 90,
                   place=f.text("place"), skipped=tuple(skipped),
                   remind_minutes=f.number("remind_minutes_before"))


def date_from(f: Fields) -> ImportantDate:
    month, day = f.number("month", required=True), f.number("day", required=True)
    assert month is not None and day is not None
    return ImportantDate(kind=f.choice("kind", DateKind), month=month, day=day,
                         year=f.number("year"), label=f.text("label"),
                         remind_days=f.number("remind_days_before"),
                         ask_company=f.flag("ask_company"))


def own_dates_key(dates: list[ImportantDate]) -> dict[str, Any]:
    """One's own dates ("my_dates"), left out when there are none."""
    return {"my_dates": [date_json(d) for d in dates]} if dates else {}


def person_keys(person: Any) -> dict[str, Any]:
    """A person's "meetings" and "dates", left out when there are none."""
    keys: dict[str, Any] = {}
    if person.meetings:
        keys["meetings"] = [meeting_json(m) for m in person.meetings]
    if person.dates:
        keys["dates"] = [date_json(d) for d in person.dates]
    return keys
