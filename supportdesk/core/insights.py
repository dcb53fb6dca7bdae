"""What the network looks like as a whole: where it is thin, how support flows,
how moods have been, who might like a thank-you, and when to suggest a professional.

Everything here is worded for a person who may be having a hard time: it notices
and suggests, it never judges or diagnoses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from supportdesk.core.availability import covers_wall_clock, supporter_zone
from supportdesk.core.i18n import N_, _, format_list
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter

# -- coverage -----------------------------------------------------------------


class Gap(StrEnum):
    EMPTY = "empty"
    NO_INNER = "no_inner"
    SINGLE_INNER = "single_inner"
    INNER_ALL_STRESSFUL = "inner_all_stressful"
    NO_PROFESSIONAL = "no_professional"
    NO_PEERS = "no_peers"
    NO_EVENINGS = "no_evenings"
    NO_NIGHTS = "no_nights"
    NO_WEEKENDS = "no_weekends"

    @property
    def suggestion(self) -> str:
        return _(_GAP_WORDS[self])


_GAP_WORDS = {
    Gap.EMPTY: N_("Your network is waiting for its first person. Anyone you can lean on, even "
                  "a little, is a good start."),
    Gap.NO_INNER: N_("No one is in your inner circle yet. Who would you call first on a hard "
                     "day? You could move them closer."),
    Gap.SINGLE_INNER: N_("Your inner circle has one person. That's a lot to rest on one pair "
                         "of shoulders; is there someone else you could grow closer to?"),
    Gap.INNER_ALL_STRESSFUL: N_("Everyone in your inner circle can also be a source of stress. "
                                "It may help to have one easier tie close by too."),
    Gap.NO_PROFESSIONAL: N_("You haven't added a professional yet. Your GP or a counsellor can "
                            "be a steady part of your support."),
    Gap.NO_PEERS: N_("A support group or online community can offer people who understand "
                     "from their own experience."),
    Gap.NO_EVENINGS: N_("No one is marked as reachable in the evenings. Evenings can be hard; "
                        "you could ask someone when they're around."),
    Gap.NO_NIGHTS: N_("No one is marked as reachable at night. A crisis line is there around "
                      "the clock; you could add one."),
    Gap.NO_WEEKENDS: N_("No one is marked as reachable at weekends. You could ask someone "
                        "if weekends work for them."),
}

# Sample moments (user's local time) that stand for evenings, nights and weekends.
_EVENING = (time(19, 0), time(21, 0))
_NIGHT = (time(23, 30), time(3, 0))
_WEEKEND = (time(11, 0), time(16, 0), time(20, 0))


@dataclass(frozen=True)
class Coverage:
    """Which kinds of support are present, and the gaps worth a gentle word."""

    present: frozenset[Kind]
    gaps: tuple[Gap, ...]


def coverage(supporters: Sequence[Supporter], now: datetime, user_tz: tzinfo) -> Coverage:
    """The network's coverage at ``now`` (the week around it stands for any week)."""
    present = frozenset(s.kind for s in supporters)
    if not supporters:
        return Coverage(present, (Gap.EMPTY,))
    gaps: list[Gap] = []
    inner = [s for s in supporters if s.ring is Ring.INNER and s.kind is not Kind.CRISIS]
    if not inner:
        gaps.append(Gap.NO_INNER)
    elif len(inner) == 1:
        gaps.append(Gap.SINGLE_INNER)
    if inner and all(s.stressful for s in inner):
        gaps.append(Gap.INNER_ALL_STRESSFUL)
    if Kind.PROFESSIONAL not in present:
        gaps.append(Gap.NO_PROFESSIONAL)
    if not present & {Kind.GROUP, Kind.ONLINE}:
        gaps.append(Gap.NO_PEERS)
    people = [s for s in supporters if s.kind is not Kind.CRISIS]
    week = _week_days(now, user_tz)
    if not _anyone_at(people, week, _EVENING, user_tz):
        gaps.append(Gap.NO_EVENINGS)
    if not _anyone_at(supporters, week, _NIGHT, user_tz):
        gaps.append(Gap.NO_NIGHTS)
    if not _anyone_at(people, [d for d in week if d.weekday() >= 5], _WEEKEND, user_tz):
        gaps.append(Gap.NO_WEEKENDS)
    return Coverage(present, tuple(gaps))


def _week_days(now: datetime, user_tz: tzinfo) -> list[date]:
    today = now.astimezone(user_tz).date()
    return [today + timedelta(days=i) for i in range(7)]


def _anyone_at(supporters: Iterable[Supporter], days: Iterable[date],
               times: Iterable[time], user_tz: tzinfo) -> bool:
    """Whether anyone is available at any of these moments (``available_at`` for each,
    with each moment turned into a zone's wall clock once per zone, not per person)."""
    moments = [datetime.combine(d, t).replace(tzinfo=user_tz) for d in days for t in times]
    walls: dict[str, list[tuple[int, time]]] = {}
    for supporter in supporters:
        if not supporter.availability:
            continue
        wall = walls.get(supporter.timezone)
        if wall is None:
            zone = supporter_zone(supporter, user_tz)
            local = [m.astimezone(zone) for m in moments]
            wall = walls[supporter.timezone] = [
                (at.weekday(), at.time().replace(tzinfo=None)) for at in local]
        if any(covers_wall_clock(w, day, clock) for day, clock in wall
               for w in supporter.availability):
            return True
    return False


# -- reciprocity ----------------------------------------------------------------


@dataclass(frozen=True)
class SupportCount:
    """Check-ins with one supporter, and how many carried support each way."""

    supporter_id: int
    checkins: int
    gave: int
    received: int


class Lean(StrEnum):
    BALANCED = "balanced"
    MOSTLY_GIVING = "mostly_giving"
    MOSTLY_RECEIVING = "mostly_receiving"
    QUIET = "quiet"


@dataclass(frozen=True)
class ReciprocityBalance:
    gave: int
    received: int
    lean: Lean
    giving_a_lot_to: tuple[int, ...]  # supporter ids where I give far more than I get

    @property
    def words(self) -> str:
        if self.lean is Lean.QUIET:
            return _("Once you note support given and received in check-ins, the balance "
                     "shows here.")
        return {
            Lean.BALANCED: _("Lately support has been flowing both ways."),
            Lean.MOSTLY_GIVING: _("Lately you've been giving a lot. It's okay to lean on "
                                  "others too."),
            Lean.MOSTLY_RECEIVING: _("Lately people have been there for you. That's what a "
                                     "network is for."),
        }[self.lean]


def _lean(gave: int, received: int) -> Lean:
    if gave == 0 and received == 0:
        return Lean.QUIET
    if gave >= 2 * received + 2:
        return Lean.MOSTLY_GIVING
    if received >= 2 * gave + 2:
        return Lean.MOSTLY_RECEIVING
    return Lean.BALANCED


def reciprocity_balance(counts: Iterable[SupportCount]) -> ReciprocityBalance:
    """The overall balance, and the supporters where I mostly give (and get little back)."""
    rows = list(counts)
    gave, received = sum(r.gave for r in rows), sum(r.received for r in rows)
    heavy = tuple(r.supporter_id for r in sorted(rows, key=lambda r: r.received - r.gave)
                  if _lean(r.gave, r.received) is Lean.MOSTLY_GIVING)
    return ReciprocityBalance(gave, received, _lean(gave, received), heavy)


# -- mood trend -------------------------------------------------------------------


class Direction(StrEnum):
    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"
    UNKNOWN = "unknown"


LOW_MOOD = 2
_TREND_STEP = 0.5


@dataclass(frozen=True)
class MoodTrend:
    """Recent moods, oldest first (1 very low .. 5 very good): from check-ins and from
    moods noted on their own."""

    moods: tuple[int, ...]
    average: float | None
    direction: Direction
    low_streak: int  # most recent moods in a row at or below LOW_MOOD

    @property
    def words(self) -> str:
        if self.average is None:
            return _("How you've been will show here over time: tell SupportDesk how "
                     "you are, on its own or when you log a check-in.")
        if self.direction is Direction.UNKNOWN and self.low_streak >= 2:
            # Too few for a trend, but not too few to say so beside a low-mood suggestion.
            return _("Your last few moods have been low. Be gentle with yourself.")
        return {
            Direction.RISING: _("Your moods have been lifting lately."),
            Direction.FALLING: _("Your moods have dipped lately. Be gentle with yourself."),
            Direction.STEADY: _("Your moods have been fairly steady lately."),
            Direction.UNKNOWN: _("A few more moods noted will show how things are going."),
        }[self.direction]


def mood_of(mood_before: int | None, mood_after: int | None) -> int | None:
    """The mood a check-in records for the trend: how I was coming in, else after."""
    return mood_before if mood_before is not None else mood_after


def mood_trend(moods_oldest_first: Sequence[int]) -> MoodTrend:
    """Average, direction (later half against earlier half) and the recent low streak."""
    moods = tuple(moods_oldest_first)
    if not moods:
        return MoodTrend((), None, Direction.UNKNOWN, 0)
    average = sum(moods) / len(moods)
    direction = Direction.UNKNOWN
    if len(moods) >= 4:
        half = len(moods) // 2
        early = sum(moods[:half]) / half
        late = sum(moods[-half:]) / half
        direction = (Direction.RISING if late - early >= _TREND_STEP
                     else Direction.FALLING if early - late >= _TREND_STEP
                     else Direction.STEADY)
    streak = 0
    for mood in reversed(moods):
        if mood > LOW_MOOD:
            break
        streak += 1
    return MoodTrend(moods, round(average, 2), direction, streak)


# -- gratitude prompts -------------------------------------------------------------

THANKS_AFTER = timedelta(days=60)
_THANKABLE = (Kind.PARTNER, Kind.FAMILY, Kind.FRIEND, Kind.PROFESSIONAL, Kind.GROUP)


@dataclass(frozen=True)
class GratitudePrompt:
    supporter_id: int
    name: str
    last_thanked: date | None

    @property
    def words(self) -> str:
        if self.last_thanked is None:
            return _("Is there something you'd like to thank {name} for?").format(
                name=self.name)
        return _("It's been a while since you noted a thank-you for {name}.").format(
            name=self.name)


def gratitude_prompts(supporters: Iterable[Supporter], last_thanked: Mapping[int, date],
                      today: date, limit: int = 3) -> list[GratitudePrompt]:
    """Inner and middle circle people not thanked in ``THANKS_AFTER``, longest first."""
    prompts = [
        GratitudePrompt(s.id, s.name, last_thanked.get(s.id))
        for s in supporters
        if s.id is not None and s.kind in _THANKABLE and s.ring is not Ring.OUTER
        and (s.id not in last_thanked or today - last_thanked[s.id] >= THANKS_AFTER)
    ]
    prompts.sort(key=lambda p: (p.last_thanked or date.min, p.name.casefold()))
    return prompts[:limit]


# -- gentle escalation -------------------------------------------------------------


@dataclass(frozen=True)
class EscalationRule:
    """Opt-in: suggest a professional when the last ``count`` moods are all at or below
    ``threshold`` within ``within_days``."""

    enabled: bool = False
    threshold: int = 2
    count: int = 3
    within_days: int = 14


def on_the_clock(moment: datetime, zone: tzinfo) -> datetime:
    """Local wall time: "7 days" after Sunday noon is the next Sunday noon, even across
    a clock change (167 or 169 hours)."""
    return moment.astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True)
class Escalation:
    professionals: tuple[Supporter, ...]

    @property
    def words(self) -> str:
        if self.professionals:
            names = format_list([p.name for p in self.professionals[:2]], style="or")
            # TRANSLATORS: {names} is one or two names, like "Dr Lee or Sam".
            return _("Things seem to have been hard for a while. You don't have to carry it "
                     "alone: it might help to talk with {names}.").format(names=names)
        return _("Things seem to have been hard for a while. You don't have to carry it "
                 "alone: a GP or counsellor could help, and crisis lines are there any time.")


def escalation(rule: EscalationRule, recent: Sequence[tuple[datetime, int]], now: datetime,
               supporters: Iterable[Supporter], zone: tzinfo | None = None
               ) -> Escalation | None:
    """The suggestion to show, or None. ``recent`` is (when, mood), any order, ordered by
    the instant whatever zone each was noted in; ``within_days`` are days on the clock of
    ``zone`` (the person's; ``now``'s own when not given)."""
    if not rule.enabled or rule.count < 1:
        return None
    clock = zone or now.tzinfo
    assert clock is not None, "now must be an aware moment"
    since = on_the_clock(now, clock) - timedelta(days=rule.within_days)
    moods = [m for at, m in sorted(recent) if since <= on_the_clock(at, clock) and at <= now]
    if len(moods) < rule.count or any(m > rule.threshold for m in moods[-rule.count:]):
        return None
    pros = sorted((s for s in supporters if s.kind is Kind.PROFESSIONAL),
                  key=lambda s: (s.ring.order, s.name.casefold()))
    return Escalation(tuple(pros))
