"""The daily "How are you?" reminder: when it is due, and when to look again.

Off by default. Once switched on, each day has one reminder at the time the person
chose, in their local time; if that time falls in quiet hours it waits for them to end.
A day's reminder stands until the next day's comes, and then it is simply gone: after
the computer slept through one or more of them, one reminder (the latest) is shown,
never one for every day missed. It is not shown once a mood was noted that day (on the
reminder's local calendar day, at any time), nor twice for the same day.

Local times follow the schedule's rules: a time skipped by a clock change comes just
after the gap (02:30 becomes 03:30), a repeated one at its first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from supportdesk.core.quiet_hours import QuietHours

DEFAULT_TIME = time(19, 0)
NO_QUIET_HOURS = QuietHours()


@dataclass(frozen=True)
class MoodReminderRule:
    enabled: bool = False
    at: time = DEFAULT_TIME


def reminder_moment(rule: MoodReminderRule, day: date, zone: tzinfo,
                    quiet: QuietHours = NO_QUIET_HOURS) -> datetime:
    """When ``day``'s reminder may be shown (UTC): the chosen local time, or the end
    of quiet hours when it falls inside them."""
    wall = datetime.combine(day, rule.at.replace(tzinfo=None)).replace(tzinfo=zone, fold=0)
    return quiet.release(wall.astimezone(UTC), zone)


def current_day(rule: MoodReminderRule, now: datetime, zone: tzinfo,
                quiet: QuietHours = NO_QUIET_HOURS) -> date | None:
    """The day whose reminder stands at ``now``: the latest whose moment has come.

    A moment held by quiet hours can pass into the next day, so the two days before
    today are looked at too."""
    if not rule.enabled:
        return None
    today = now.astimezone(zone).date()
    for back in range(3):
        day = today - timedelta(days=back)
        if reminder_moment(rule, day, zone, quiet) <= now:
            return day
    return None


def due_day(rule: MoodReminderRule, now: datetime, zone: tzinfo, quiet: QuietHours,
            shown_for: date | None, last_mood: datetime | None) -> date | None:
    """The day to remind about now, or None.

    ``shown_for``: the latest day a reminder was shown for. ``last_mood``: when the
    newest mood was noted (on its own or in a check-in); one on or after the
    reminder's day, in local time, means the person has already said how they are.
    Quiet hours at ``now`` hold it back (the caller looks again when they end)."""
    day = current_day(rule, now, zone, quiet)
    if day is None or quiet.contains(now, zone):
        return None
    if shown_for is not None and shown_for >= day:
        return None
    if last_mood is not None and last_mood.astimezone(zone).date() >= day:
        return None
    return day


def next_moment(rule: MoodReminderRule, now: datetime, zone: tzinfo,
                quiet: QuietHours = NO_QUIET_HOURS) -> datetime | None:
    """The first reminder moment after ``now`` (None while switched off)."""
    if not rule.enabled:
        return None
    today = now.astimezone(zone).date()
    upcoming = (reminder_moment(rule, today + timedelta(days=ahead), zone, quiet)
                for ahead in range(-2, 3))
    return min((moment for moment in upcoming if moment > now), default=None)
