"""Isolation, gently: when no one has been in touch for a while, suggest a small hello.

Opt-in, and off by default. It comes up when the person has logged no contact with
anyone for ``days`` — or when the moods they noted on their own since they last saw
anyone have been low while it has been quiet for a few days. It names at most two of
the closest people (those reachable now first) and never diagnoses, ranks or blames.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from supportdesk.core.availability import available_now, reach_order_key
from supportdesk.core.insights import LOW_MOOD, on_the_clock
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter

PERSONAL_KINDS = frozenset({Kind.PARTNER, Kind.FAMILY, Kind.FRIEND, Kind.GROUP, Kind.ONLINE})
SHOWN_PEOPLE = 2
LOW_IN_A_ROW = 2  # moods noted alone, at or below LOW_MOOD, since the last contact
LOW_QUIET_DAYS = 3  # ...and this long without contact
MAX_DAYS = 60


class Why(StrEnum):
    QUIET = "quiet"  # no contact with anyone for the chosen number of days
    LOW_AND_QUIET = "low"  # low moods noted alone while it has been quiet


@dataclass(frozen=True)
class IsolationRule:
    enabled: bool = False
    days: int = 7


@dataclass(frozen=True)
class Isolation:
    why: Why
    quiet_days: int
    people: tuple[Supporter, ...]

    @property
    def words(self) -> str:
        names = " or ".join(p.name for p in self.people[:SHOWN_PEOPLE])
        hello = (f"a short message to {names} could be enough." if names
                 else "a short message to someone you trust could be enough.")
        if self.why is Why.LOW_AND_QUIET:
            return ("You've noted some low moments lately, and it's been quiet with people. "
                    f"You don't have to explain anything: {hello}")
        return (f"It's been {self.quiet_days} days since you were last in touch with anyone. "
                f"That happens, and there's nothing to catch up on: {hello}")


def isolation(rule: IsolationRule, supporters: Sequence[Supporter],
              lone_moods: Iterable[tuple[datetime, int]], now: datetime,
              user_tz: tzinfo) -> Isolation | None:
    """The suggestion to show, or None. ``lone_moods`` is (when, mood), any order."""
    if not rule.enabled or rule.days < 1:
        return None
    personal = [s for s in supporters if s.kind in PERSONAL_KINDS]
    if not personal:
        return None  # no one to suggest (Today's own cards speak to an empty network)
    contacts = [s.last_contact for s in supporters if s.last_contact is not None]
    added = [s.created for s in supporters if s.created is not None]
    last = max(contacts) if contacts else (min(added) if added else None)
    if last is None or last > now:
        return None
    quiet = on_the_clock(now, user_tz) - on_the_clock(last, user_tz)
    since = sorted((at, mood) for at, mood in lone_moods if last < at <= now)
    recent_low = (len(since) >= LOW_IN_A_ROW
                  and all(mood <= LOW_MOOD for _, mood in since[-LOW_IN_A_ROW:]))
    if quiet >= timedelta(days=min(rule.days, MAX_DAYS)):
        why = Why.QUIET
    elif recent_low and quiet >= timedelta(days=LOW_QUIET_DAYS):
        why = Why.LOW_AND_QUIET
    else:
        return None
    return Isolation(why, quiet.days, tuple(closest(personal, now, user_tz)))


def closest(people: Sequence[Supporter], now: datetime, user_tz: tzinfo) -> list[Supporter]:
    """Up to two of the closest, easiest people: reachable now first; a tie marked
    stressful only when there is no one else."""
    easy = [p for p in people if not p.stressful and not p.cadence.paused] or list(people)
    chosen = available_now(easy, now, user_tz)[:SHOWN_PEOPLE]
    rest = sorted((p for p in easy if p not in chosen), key=reach_order_key)
    return (chosen + rest)[:SHOWN_PEOPLE]
