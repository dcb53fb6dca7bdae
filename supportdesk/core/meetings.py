"""Meetings that come round: a group's (or anyone's) schedule as a rule, not a note.

A meeting happens on one weekday, either every week or on some of that weekday's
places in the month ("first and third Tuesday", "last Friday"), at a wall-clock time
in its own time zone. Dates in ``skipped`` (the meeting's own calendar dates) are left
out. A month without a fifth Tuesday has no meeting for "fifth Tuesday", as in RFC 5545.

A time that a clock change skips (02:30 on the night clocks go forward) is read with
the offset before the change, as RFC 5545 reads it: the meeting starts an hour later
by the clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supportdesk.core.i18n import _, format_skeleton, format_time, pgettext, weekday_name

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                 "Sunday")
ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
ORDINALS = tuple(ORDINAL_WORDS)
LAST = -1
# Far enough to find the next "fifth Sunday" or a meeting after many skipped dates.
HORIZON_DAYS = 5 * 366


@dataclass(frozen=True)
class Meeting:
    """One regular meeting. ``ordinals`` empty means every week."""

    weekday: int  # Monday is 0
    at: time
    ordinals: tuple[int, ...] = ()  # 1..5 and -1 (last), in the month
    timezone: str = ""  # IANA name; empty means the user's own
    minutes: int = 90  # how long it lasts
    place: str = ""  # an address, a room, or a link
    skipped: tuple[date, ...] = ()
    remind_minutes: int | None = None  # a reminder this long before; None is none

    @property
    def weekly(self) -> bool:
        return not self.ordinals


def meeting_zone(meeting: Meeting, fallback: tzinfo) -> tzinfo:
    """The meeting's zone; an unknown or empty name falls back to ``fallback``."""
    if meeting.timezone:
        try:
            return ZoneInfo(meeting.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return fallback


def week_of_month(day: date) -> int:
    """1 for a month's first seven days, 2 for the next seven, ... up to 5."""
    return (day.day - 1) // 7 + 1


def is_last_of_month(day: date) -> bool:
    """Whether no later day of the month falls on the same weekday."""
    return day.day + 7 > calendar.monthrange(day.year, day.month)[1]


def falls_on(meeting: Meeting, day: date) -> bool:
    """Whether the rule (skipped dates aside) puts a meeting on ``day``."""
    if day.weekday() != meeting.weekday:
        return False
    if meeting.weekly:
        return True
    return (week_of_month(day) in meeting.ordinals
            or (LAST in meeting.ordinals and is_last_of_month(day)))


def meets_on(meeting: Meeting, day: date) -> bool:
    return falls_on(meeting, day) and day not in meeting.skipped


def start_on(meeting: Meeting, day: date, zone: tzinfo) -> datetime:
    """The meeting's start on ``day`` (its own calendar date), timezone-aware in ``zone``.

    Through UTC and back, so a time in a clock change's gap comes out as a real time."""
    wall = datetime.combine(day, meeting.at).replace(tzinfo=zone, fold=0)
    return wall.astimezone(UTC).astimezone(zone)


def rule_days(meeting: Meeting, first: date) -> Iterator[date]:
    """Every day from ``first`` on that the rule (skipped dates aside) falls on."""
    day = first + timedelta(days=(meeting.weekday - first.weekday()) % 7)
    for _week in range(HORIZON_DAYS // 7 + 1):
        if falls_on(meeting, day):
            yield day
        day += timedelta(days=7)


def occurrences(meeting: Meeting, after: datetime, user_tz: tzinfo,
                limit: int = 10) -> list[datetime]:
    """The next ``limit`` starts at or after ``after`` (aware, in the meeting's zone)."""
    zone = meeting_zone(meeting, user_tz)
    found: list[datetime] = []
    first = after.astimezone(zone).date() - timedelta(days=1)  # a day's slack for offsets
    for day in rule_days(meeting, first):
        if day in meeting.skipped:
            continue
        start = start_on(meeting, day, zone)
        if start >= after:
            found.append(start)
            if len(found) >= limit:
                break
    return found


def next_meeting(meeting: Meeting, now: datetime, user_tz: tzinfo) -> datetime | None:
    """When the meeting next starts (from ``now`` on), or None if none is in sight."""
    found = occurrences(meeting, now, user_tz, limit=1)
    return found[0] if found else None


def rule_words(meeting: Meeting) -> str:
    """ "Every Thursday", "First and third Tuesday", "Last Friday" (of the month)."""
    day = WEEKDAY_NAMES[meeting.weekday]
    if meeting.weekly:
        return f"Every {day}"
    ordered = sorted(meeting.ordinals, key=lambda n: 99 if n == LAST else n)
    words = [ORDINAL_WORDS[n] for n in ordered]
    joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{joined.capitalize()} {day} of the month"


def when_words(moment: datetime, now: datetime, user_tz: tzinfo) -> str:
    """ "Thursday 19:00" as the user's clock shows it ("Today", "Tomorrow" when so)."""
    local, today = moment.astimezone(user_tz), now.astimezone(user_tz).date()
    if local.date() == today:
        day = _("Today")
    elif local.date() == today + timedelta(days=1):
        day = _("Tomorrow")
    elif local.date() < today + timedelta(days=7):
        day = weekday_name(local.weekday())
    else:
        day = format_skeleton("MMMEd", local, user_tz)
    # TRANSLATORS: {day} like "Thursday" or "Today", {time} like "19:00".
    return pgettext("day and time", "{day} {time}").format(
        day=day, time=format_time(local, tz=user_tz))


def soonest(meetings: list[Meeting], now: datetime, user_tz: tzinfo
            ) -> tuple[Meeting, datetime] | None:
    """The meeting of ``meetings`` that comes first, with its start."""
    best: tuple[Meeting, datetime] | None = None
    for meeting in meetings:
        start = next_meeting(meeting, now, user_tz)
        if start is not None and (best is None or start < best[1]):
            best = (meeting, start)
    return best
