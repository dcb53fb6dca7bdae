"""Who can be reached when, from their availability windows and time zones.

A window's ``start``/``end`` are wall-clock times in the supporter's own time zone
(the user's zone when the supporter has none). ``end`` before ``start`` runs past
midnight and belongs to the day it starts on (Friday 22:00-02:00 covers early
Saturday); ``start == end`` is the whole day. Someone with no windows has not said
when they can be reached: they are never "available now", and the app lists them
separately rather than guessing.

Order for "who can I reach right now" (``available_now``), chosen for a person in a
bad moment: the closest people first (inner, middle, outer ring), then stronger
ties, easy ties before stressful ones, then friends, family and partners before
groups and communities, and professionals and crisis services last (they have
their own sections in Reach out now); finally by name so the order is stable.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supportdesk.core.i18n import _, format_time, weekday_name
from supportdesk.core.kinds import Kind, TieStrength
from supportdesk.core.model import AvailabilityWindow, Supporter

_TIE_ORDER = {TieStrength.STRONG: 0, TieStrength.NORMAL: 1, TieStrength.WEAK: 2}
_KIND_ORDER = {
    Kind.PARTNER: 0, Kind.FAMILY: 0, Kind.FRIEND: 0,
    Kind.GROUP: 1, Kind.ONLINE: 1,
    Kind.PROFESSIONAL: 2, Kind.CRISIS: 3,
}
_LOOKAHEAD_DAYS = 8


def supporter_zone(supporter: Supporter, user_tz: tzinfo) -> tzinfo:
    """The zone a supporter's windows are written in; an unknown name falls back to the user's."""
    if supporter.timezone:
        try:
            return ZoneInfo(supporter.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return user_tz
    return user_tz


def window_covers(window: AvailabilityWindow, local: datetime) -> bool:
    """Whether a wall-clock moment falls inside the window."""
    return covers_wall_clock(window, local.weekday(), local.time().replace(tzinfo=None))


def covers_wall_clock(window: AvailabilityWindow, day: int, moment: time) -> bool:
    """``window_covers`` for a weekday (Monday 0) and a naive time of day."""
    if window.start == window.end:
        return day in window.days
    if window.start < window.end:
        return day in window.days and window.start <= moment < window.end
    yesterday = (day - 1) % 7
    return (day in window.days and moment >= window.start) or (
        yesterday in window.days and moment < window.end)


def available_at(supporter: Supporter, moment: datetime, user_tz: tzinfo) -> bool:
    """Whether any of the supporter's windows covers ``moment`` (timezone-aware)."""
    if not supporter.availability:
        return False
    local = moment.astimezone(supporter_zone(supporter, user_tz))
    return any(window_covers(w, local) for w in supporter.availability)


def reach_order_key(supporter: Supporter) -> tuple[int, int, int, int, str]:
    """Sort key: closest and easiest to reach out to first (see the module docstring)."""
    kind = _KIND_ORDER[supporter.kind]
    ring = supporter.ring.order if kind < 2 else 3 + kind
    return (ring, _TIE_ORDER[supporter.tie], int(supporter.stressful), kind,
            supporter.name.casefold())


def available_now(
    supporters: Iterable[Supporter], now: datetime, user_tz: tzinfo
) -> list[Supporter]:
    """Everyone reachable at ``now``, closest first."""
    return sorted((s for s in supporters if available_at(s, now, user_tz)), key=reach_order_key)


def next_available(supporter: Supporter, now: datetime, user_tz: tzinfo) -> datetime | None:
    """When the supporter can next be reached (``now`` if already), in UTC; None without windows."""
    if available_at(supporter, now, user_tz):
        return now.astimezone(UTC)
    zone = supporter_zone(supporter, user_tz)
    today = now.astimezone(zone).date()
    starts = [
        _wall(today + timedelta(days=offset), w.start, zone)
        for offset in range(-1, _LOOKAHEAD_DAYS)
        for w in supporter.availability
        if (today + timedelta(days=offset)).weekday() in w.days
    ]
    future = [s for s in starts if s > now]
    return min(future, default=None)


def next_available_words(moment: datetime | None, now: datetime, user_tz: tzinfo) -> str:
    """Plain words for ``next_available``: "available now", "from 9:00", "from Monday 9:00"."""
    if moment is None:
        return _("No times added yet")
    if moment <= now:
        return _("Available now")
    local, today = moment.astimezone(user_tz), now.astimezone(user_tz).date()
    clock = format_time(local, tz=user_tz)
    day = weekday_name(local.weekday())
    if local.time() == time(0, 0):  # a window that starts with the day
        return _("Available tomorrow") if local.date() == today + timedelta(days=1) else \
            _("Available from {day}").format(day=day)
    if local.date() == today:
        return _("Available from {time}").format(time=clock)
    if local.date() == today + timedelta(days=1):
        return _("Available tomorrow from {time}").format(time=clock)
    # TRANSLATORS: {day} like "Monday", {time} like "09:00".
    return _("Available from {day} {time}").format(day=day, time=clock)


def _wall(day: date, at: time, zone: tzinfo) -> datetime:
    # fold=0: a skipped time reads with the pre-change offset (lands after the gap),
    # a repeated one as its first occurrence.
    return datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(UTC)
