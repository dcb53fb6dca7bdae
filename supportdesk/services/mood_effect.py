"""What your people do for your mood (opt-in, off by default): the words for everyone
at once, or for one person's page. The rule is ``core.mood_effect``; the counting is one
aggregate query (``store.mood_effect_queries``).

The answer for everyone is kept until check-ins or people change, or the day does (the
year it looks back over starts at a local midnight), so Today shown again asks nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from supportdesk.core.model import Supporter
from supportdesk.core.mood_effect import MoodEffect, lately_since, mood_effect
from supportdesk.services import settings as keys
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.store.mood_effect_queries import mood_changes


class MoodEffectService:
    def __init__(self, session: Session, settings: Settings,
                 zone: Callable[[], tzinfo]) -> None:
        self.session = session
        self.settings = settings
        self._zone = zone
        self._kept: tuple[object, dict[int, MoodEffect]] | None = None

    @property
    def enabled(self) -> bool:
        return self.settings.get(keys.MOOD_EFFECT_ENABLED)

    def set_enabled(self, enabled: bool) -> None:
        self.settings.set(keys.MOOD_EFFECT_ENABLED, enabled)

    def everyone(self, now: datetime | None = None) -> dict[int, MoodEffect]:
        """Per supporter id, for everyone with at least one check-in with both moods."""
        moment = now or self.session.clock()
        since = lately_since(moment, self._zone())
        marks = self.session.repo.change_marks()
        key = (marks["checkins"], marks["people"], since)
        if self._kept is not None and self._kept[0] == key:
            return self._kept[1]
        people = {s.id: s for s in self.session.repo.supporter_heads() if s.id is not None}
        found = {sid: _effect(people[sid], changes)
                 for sid, changes in mood_changes(since).items() if sid in people}
        self._kept = (key, found)
        return found

    def for_person(self, supporter: Supporter, now: datetime | None = None) -> MoodEffect:
        """One person's (their own check-ins only, through the index)."""
        assert supporter.id is not None
        since = lately_since(now or self.session.clock(), self._zone())
        changes = mood_changes(since, supporter.id).get(supporter.id, {})
        return _effect(supporter, changes)


def _effect(supporter: Supporter, changes: dict[int, int]) -> MoodEffect:
    assert supporter.id is not None
    return mood_effect(supporter.id, supporter.name, supporter.stressful, changes)
