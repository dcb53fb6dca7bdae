"""Today's picture of the network, gathered in a small fixed number of queries.

Supporters are loaded once, as heads (two queries: no contact methods or notes, which
the dashboard does not show); reciprocity, recent moods (from check-ins, and those
noted on their own) and the last thank-you per person are each one aggregate query over
an index; settings add a handful more. When a professional (or, opted in, someone to
say hello to) is suggested, the two shown are read whole (their contact buttons). The
count does not grow with the size of the network or its history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import TypeVar, cast

from supportdesk.core.i18n import _
from supportdesk.core.insights import (
    Coverage,
    Escalation,
    EscalationRule,
    GratitudePrompt,
    MoodTrend,
    ReciprocityBalance,
    coverage,
    escalation,
    gratitude_prompts,
    mood_trend,
    reciprocity_balance,
)
from supportdesk.core.isolation import MAX_DAYS, Isolation, IsolationRule, isolation
from supportdesk.core.model import Supporter
from supportdesk.core.mood import merged_moods
from supportdesk.core.schedule import DueItem, Moments, due_items, due_moments
from supportdesk.services import settings as keys
from supportdesk.services.session import Session
from supportdesk.services.timed import TimedService
from supportdesk.store.insights_queries import InsightsQueries

RECIPROCITY_SPAN = timedelta(days=90)
MOOD_SPAN = timedelta(days=30)
MOOD_POINTS = 30
SHOWN_PROFESSIONALS = 2  # with their contact buttons, when things have been hard


@dataclass(frozen=True)
class Today:
    """Everything the Today page shows."""

    now: datetime
    greeting: str
    supporters: dict[int, Supporter]
    due: list[DueItem]
    coverage: Coverage
    reciprocity: ReciprocityBalance
    mood: MoodTrend
    gratitude: list[GratitudePrompt]
    escalation: Escalation | None
    isolation: Isolation | None = None

    @property
    def is_empty(self) -> bool:
        return not self.supporters

    def names(self, ids: tuple[int, ...]) -> list[str]:
        return [self.supporters[i].name for i in ids if i in self.supporters]


def _to_the_minute(moment: datetime) -> datetime:
    """Windows ("the last 90 days") start on a whole minute, so a refresh within the
    same minute asks the same question and can reuse the answer."""
    return moment.replace(second=0, microsecond=0)


def greeting(now: datetime, tz: tzinfo) -> str:
    hour = now.astimezone(tz).hour
    if 5 <= hour < 12:
        return _("Good morning")
    if 12 <= hour < 18:
        return _("Good afternoon")
    return _("Good evening")


DueMoments = tuple[datetime | None, datetime | None]
T = TypeVar("T")


class DashboardService(TimedService):
    def __init__(self, session: Session, tz: tzinfo | None = None) -> None:
        super().__init__(session, tz)
        self.queries = InsightsQueries()
        self._reads: dict[str, tuple[object, object]] = {}
        self._moments_context: object = None
        self._moments_seen: dict[int | None, tuple[Supporter, DueMoments]] = {}

    def today(self, now: datetime | None = None) -> Today:
        moment = now or self.session.clock()
        zone = self.zone
        marks = self.session.repo.change_marks()
        supporters = self.session.repo.supporter_heads()
        by_id = {s.id: s for s in supporters if s.id is not None}
        mood_since = _to_the_minute(moment - MOOD_SPAN)
        moods = self._read("moods", (marks["checkins"], mood_since),
                           lambda: self.queries.recent_moods(mood_since, limit=MOOD_POINTS))
        # Moods noted on their own count under "checkins" too (store/change_counts.py).
        lone = self._read("lone moods", (marks["checkins"], mood_since),
                          lambda: self.queries.recent_lone_moods(mood_since, limit=MOOD_POINTS))
        # How the person has been, with people or on their own: the trend and the
        # (opt-in) suggestion of a professional both count every mood noted.
        all_moods = merged_moods(moods, lone, limit=MOOD_POINTS)
        counts_since = _to_the_minute(moment - RECIPROCITY_SPAN)
        counts = self._read("counts", (marks["checkins"], counts_since),
                            lambda: self.queries.support_counts(counts_since))
        thanked = self._read("thanked", marks["gratitude"], self.queries.last_thanked)
        return Today(
            now=moment,
            greeting=greeting(moment, zone),
            supporters=by_id,
            due=due_items(supporters, moment, moments=self._moments(zone, marks["settings"])),
            coverage=self._read("coverage",
                                (marks["people"], moment.astimezone(zone).date(), zone),
                                lambda: coverage(supporters, moment, zone)),
            reciprocity=reciprocity_balance(c for c in counts if c.supporter_id in by_id),
            mood=mood_trend([mood for _, mood in all_moods]),
            gratitude=gratitude_prompts(supporters, thanked, moment.astimezone(zone).date()),
            escalation=self._escalation(all_moods, moment, supporters, zone,
                                        marks["settings"]),
            isolation=self._isolation(lone, moment, supporters, zone, marks["settings"]),
        )

    def _read(self, name: str, key: object, read: Callable[[], T]) -> T:
        """``read()``, or what it gave last time for the same key: the change count of
        the data it reads (``Repository.change_marks``) and any parameters. What has
        not changed is not asked of the database again."""
        known = self._reads.get(name)
        if known is not None and known[0] == key:
            return cast(T, known[1])
        value = read()
        self._reads[name] = (key, value)
        return value

    def _escalation(self, moods: list[tuple[datetime, int]], moment: datetime,
                    supporters: list[Supporter], zone: tzinfo, mark: object
                    ) -> Escalation | None:
        found = escalation(self._read("rule", mark, self.escalation_rule), moods, moment,
                           supporters, zone)
        if found is None:
            return None
        shown = SHOWN_PROFESSIONALS
        whole = [self.session.repo.supporter(p.id) for p in found.professionals[:shown]
                 if p.id is not None]
        return replace(found, professionals=(*whole, *found.professionals[shown:]))

    def _isolation(self, lone: list[tuple[datetime, int]], moment: datetime,
                   supporters: list[Supporter], zone: tzinfo, mark: object
                   ) -> Isolation | None:
        rule = self._read("isolation rule", mark, self._isolation_rule_if_on)
        found = isolation(rule, supporters, lone, moment, zone) if rule else None
        if found is None:
            return None
        # read whole: their contact buttons are shown
        whole = tuple(self.session.repo.supporter(p.id) for p in found.people
                      if p.id is not None)
        return replace(found, people=whole)

    def _isolation_rule_if_on(self) -> IsolationRule | None:
        """The rule when it is switched on (off, as it is by default, costs one read)."""
        if not self.settings.get(keys.ISOLATION_ENABLED):
            return None
        return self.isolation_rule()

    def isolation_rule(self) -> IsolationRule:
        return IsolationRule(
            enabled=self.settings.get(keys.ISOLATION_ENABLED),
            days=max(1, min(MAX_DAYS, self.settings.get(keys.ISOLATION_DAYS))))

    def set_isolation_rule(self, rule: IsolationRule) -> None:
        self.settings.set(keys.ISOLATION_ENABLED, rule.enabled)
        self.settings.set(keys.ISOLATION_DAYS, max(1, min(MAX_DAYS, rule.days)))

    def _moments(self, zone: tzinfo, mark: object) -> Moments:
        """``due_moments`` remembered per person between refreshes.

        The repository hands back the same immutable Supporter while a person's row is
        unchanged, so the time-zone arithmetic runs again only for who changed, or for
        everyone when the settings (cadence defaults) or the zone change.
        """
        defaults = self._read("cadence", mark, self.settings.cadence_defaults)
        if (mark, zone) != self._moments_context:
            self._moments_context, self._moments_seen = (mark, zone), {}
        seen = self._moments_seen

        def moments(supporter: Supporter) -> DueMoments:
            known = seen.get(supporter.id)
            if known is not None and known[0] is supporter:
                return known[1]
            found = due_moments(supporter, defaults, zone)
            seen[supporter.id] = (supporter, found)
            return found

        return moments

    def escalation_rule(self) -> EscalationRule:
        return EscalationRule(
            enabled=self.settings.get(keys.ESCALATION_ENABLED),
            threshold=max(1, min(5, self.settings.get(keys.ESCALATION_THRESHOLD))),
            count=max(1, min(14, self.settings.get(keys.ESCALATION_COUNT))),
        )

    def set_escalation_rule(self, rule: EscalationRule) -> None:
        self.settings.set(keys.ESCALATION_ENABLED, rule.enabled)
        self.settings.set(keys.ESCALATION_THRESHOLD, max(1, min(5, rule.threshold)))
        self.settings.set(keys.ESCALATION_COUNT, max(1, min(14, rule.count)))
