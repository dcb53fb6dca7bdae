"""When each supporter is next due a check-in: cadence, snooze and pause.

How time is counted (decided once, here):

* The due date always counts from the **last logged contact of any kind**
  (``Supporter.last_contact``); someone never contacted counts from when they
  were added (``Supporter.created``).
* A cadence of whole days is counted in **local calendar days at the local time
  of the last contact**: a 7-day cadence after a call on Friday 18:00 is due the
  next Friday at 18:00 local time, even when the clocks change in between (so the
  real gap is then 167 or 169 hours). Any part of a day beyond the whole days is
  added as elapsed time. A local time that does not exist (the hour skipped when
  clocks go forward) moves forward by the size of the gap; an ambiguous one (the
  hour repeated when clocks go back) takes its first occurrence.
* "Local" is the user's time zone (``tz``; by default the machine's zone), not
  the supporter's: reminders are for the person using the app.
* Every datetime in and out is timezone-aware; results are in UTC.

A paused supporter has no due date. A snooze never brings a reminder earlier: the
reminder moment is the later of the due date and the end of the snooze.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supportdesk.core.kinds import Ring
from supportdesk.core.model import Supporter

DEFAULT_CADENCE: Mapping[Ring, timedelta] = {
    Ring.INNER: timedelta(days=7),
    Ring.MIDDLE: timedelta(days=14),
    Ring.OUTER: timedelta(days=30),
}

SNOOZE_MORNING = time(9, 0)
LATER_TODAY = timedelta(hours=3)
LATER_TODAY_LATEST = time(22, 0)
LATER_TODAY_AT_LEAST = timedelta(hours=1)

CadenceDefaults = Mapping[Ring, timedelta]


class SnoozeOption(StrEnum):
    LATER_TODAY = "later_today"
    TOMORROW = "tomorrow"
    NEXT_WEEK = "next_week"

    @property
    def label(self) -> str:
        return {"later_today": "Later today", "tomorrow": "Tomorrow morning",
                "next_week": "Next week"}[self.value]


@dataclass(frozen=True)
class DueItem:
    """A supporter whose check-in is due at ``now``.

    ``due_at`` is when the cadence fell due (what "overdue by" counts from);
    ``remind_at`` is when the reminder became active (later if it was snoozed).
    """

    supporter_id: int
    name: str
    due_at: datetime
    remind_at: datetime
    overdue_by: timedelta


def local_zone() -> tzinfo:
    """The machine's time zone, with its DST rules when they can be found."""
    name = os.environ.get("TZ", "").lstrip(":")
    candidates = [name] if name else []
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return datetime.now().astimezone().tzinfo or UTC


def default_cadence(ring: Ring) -> timedelta:
    """The built-in cadence for a ring (Settings can change it per ring)."""
    return DEFAULT_CADENCE[ring]


def cadence_for(supporter: Supporter, defaults: CadenceDefaults | None = None) -> timedelta:
    """The supporter's own cadence, else their ring's default."""
    if supporter.cadence.every is not None:
        return supporter.cadence.every
    table = defaults or DEFAULT_CADENCE
    return table.get(supporter.ring, DEFAULT_CADENCE[supporter.ring])


def counted_from(supporter: Supporter) -> datetime | None:
    """The moment the cadence counts from: last contact, else when they were added."""
    return supporter.last_contact or supporter.created


def add_local_days(start: datetime, every: timedelta, tz: tzinfo | None = None) -> datetime:
    """``start`` plus ``every``: whole days on the local calendar, the rest as elapsed time."""
    zone = tz or local_zone()
    local = start.astimezone(zone)
    whole_days = timedelta(days=every.days)
    remainder = every - whole_days
    wall = (local.replace(tzinfo=None) + whole_days).replace(tzinfo=zone, fold=0)
    return _normalise(wall) + remainder


def due_date(
    supporter: Supporter, defaults: CadenceDefaults | None = None, tz: tzinfo | None = None
) -> datetime | None:
    """When the cadence falls due, ignoring pause and snooze (None without any start)."""
    start = counted_from(supporter)
    if start is None:
        return None
    return add_local_days(start, cadence_for(supporter, defaults), tz)


def next_due(
    supporter: Supporter, defaults: CadenceDefaults | None = None, tz: tzinfo | None = None
) -> datetime | None:
    """When the supporter's reminder is active: None while paused; never before a snooze ends."""
    if supporter.cadence.paused:
        return None
    return _after_snooze(supporter, due_date(supporter, defaults, tz))


def _after_snooze(supporter: Supporter, due: datetime | None) -> datetime | None:
    """The reminder moment for a cadence due at ``due`` (pause aside): a snooze delays it."""
    if due is None:
        return None
    snoozed = supporter.cadence.snoozed_until
    if snoozed is not None and snoozed > due:
        return snoozed.astimezone(UTC)
    return due


def is_due(
    supporter: Supporter,
    now: datetime,
    defaults: CadenceDefaults | None = None,
    tz: tzinfo | None = None,
) -> bool:
    moment = next_due(supporter, defaults, tz)
    return moment is not None and moment <= now


Moments = Callable[[Supporter], tuple[datetime | None, datetime | None]]


def due_moments(supporter: Supporter, defaults: CadenceDefaults | None = None,
                tz: tzinfo | None = None) -> tuple[datetime | None, datetime | None]:
    """(when the cadence falls due, when the reminder is active); both None when paused
    or without a start. Neither depends on the time now."""
    if supporter.cadence.paused:
        return None, None
    due_at = due_date(supporter, defaults, tz)
    return due_at, _after_snooze(supporter, due_at)


def due_items(
    supporters: Iterable[Supporter],
    now: datetime,
    defaults: CadenceDefaults | None = None,
    tz: tzinfo | None = None,
    moments: Moments | None = None,
) -> list[DueItem]:
    """Everyone due at ``now``, longest overdue first. ``moments`` may give a remembered
    ``due_moments`` for each supporter (the dashboard keeps them between refreshes)."""
    zone = tz or local_zone()
    items = []
    for supporter in supporters:
        if supporter.id is None:
            continue
        due_at, remind_at = (moments(supporter) if moments is not None
                             else due_moments(supporter, defaults, zone))
        if remind_at is None or due_at is None or remind_at > now:
            continue
        items.append(DueItem(supporter.id, supporter.name, due_at, remind_at,
                             max(now - due_at, timedelta(0))))
    items.sort(key=lambda item: (item.due_at, item.name.casefold()))
    return items


def next_reminder(
    supporters: Iterable[Supporter],
    now: datetime,
    defaults: CadenceDefaults | None = None,
    tz: tzinfo | None = None,
) -> datetime | None:
    """The earliest reminder moment strictly after ``now`` (None when nobody is coming due)."""
    zone = tz or local_zone()
    future = [m for s in supporters if (m := next_due(s, defaults, zone)) is not None and m > now]
    return min(future, default=None)


def snooze_until(option: SnoozeOption, now: datetime, tz: tzinfo | None = None) -> datetime:
    """When a snooze chosen at ``now`` ends.

    * later today: three hours on, but not after 22:00 local; if that leaves less
      than an hour (it is already late), one hour on.
    * tomorrow: 09:00 local tomorrow.
    * next week: 09:00 local on the same weekday next week.
    """
    zone = tz or local_zone()
    local = now.astimezone(zone)
    if option is SnoozeOption.LATER_TODAY:
        latest = _at_local(local.date().toordinal(), LATER_TODAY_LATEST, zone)
        later = min(now + LATER_TODAY, latest)
        return max(later, now + LATER_TODAY_AT_LEAST).astimezone(UTC)
    days = 1 if option is SnoozeOption.TOMORROW else 7
    return _at_local(local.date().toordinal() + days, SNOOZE_MORNING, zone)


def _at_local(ordinal: int, at: time, zone: tzinfo) -> datetime:
    wall = datetime.combine(date.fromordinal(ordinal), at).replace(tzinfo=zone, fold=0)
    return _normalise(wall)


def _normalise(wall: datetime) -> datetime:
    """A local wall time (fold=0) as UTC.

    With fold=0 Python reads a skipped time with the offset from before the change,
    which lands after the gap (02:30 -> 03:30), and a repeated time as its first
    occurrence: exactly the rules in the module docstring.
    """
    return wall.astimezone(UTC)
