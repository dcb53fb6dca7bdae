"""Today's picture of the network, gathered in a small fixed number of queries.

Supporters are loaded once (three queries); reciprocity, recent moods and the last
thank-you per person are each one aggregate query; settings add a handful more. The
count does not grow with the size of the network or its history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

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
from supportdesk.core.model import Supporter
from supportdesk.core.schedule import DueItem, due_items, local_zone
from supportdesk.services import settings as keys
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.store.insights_queries import InsightsQueries

RECIPROCITY_SPAN = timedelta(days=90)
MOOD_SPAN = timedelta(days=30)
MOOD_POINTS = 30


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

    @property
    def is_empty(self) -> bool:
        return not self.supporters

    def names(self, ids: tuple[int, ...]) -> list[str]:
        return [self.supporters[i].name for i in ids if i in self.supporters]


def greeting(now: datetime, tz: tzinfo) -> str:
    hour = now.astimezone(tz).hour
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    return "Good evening"


class DashboardService:
    def __init__(self, session: Session, tz: tzinfo | None = None) -> None:
        self.session = session
        self.settings = Settings(session.repo)
        self.queries = InsightsQueries()
        self.tz = tz

    @property
    def zone(self) -> tzinfo:
        return self.tz or local_zone()

    def today(self, now: datetime | None = None) -> Today:
        moment = now or self.session.clock()
        zone = self.zone
        supporters = self.session.repo.supporters()
        by_id = {s.id: s for s in supporters if s.id is not None}
        moods = self.queries.recent_moods(moment - MOOD_SPAN, limit=MOOD_POINTS)
        counts = self.queries.support_counts(moment - RECIPROCITY_SPAN)
        return Today(
            now=moment,
            greeting=greeting(moment, zone),
            supporters=by_id,
            due=due_items(supporters, moment, self.settings.cadence_defaults(), zone),
            coverage=coverage(supporters, moment, zone),
            reciprocity=reciprocity_balance(c for c in counts if c.supporter_id in by_id),
            mood=mood_trend([mood for _, mood in moods]),
            gratitude=gratitude_prompts(supporters, self.queries.last_thanked(),
                                        moment.astimezone(zone).date()),
            escalation=escalation(self.escalation_rule(), moods, moment, supporters),
        )

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
