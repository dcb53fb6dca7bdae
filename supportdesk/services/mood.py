"""Moods noted on their own ("How are you?"): read, checked and saved here.

The GUI and the command line share this path through the application object's use
cases. What is saved is tidied and checked first (``core.mood.checked_entry``); a
problem raises ``ValidationError`` naming the field, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from supportdesk.core.mood import MoodEntry, checked_entry
from supportdesk.services.clock import Clock
from supportdesk.store.repository import Repository


class MoodService:
    def __init__(self, repo: Repository, clock: Clock) -> None:
        self.repo = repo
        self.clock = clock

    def entries(self, limit: int | None = None) -> list[MoodEntry]:
        """Newest first."""
        return self.repo.mood_entries(limit)

    def entry(self, entry_id: int) -> MoodEntry:
        return self.repo.mood_entry(entry_id)

    def latest(self) -> MoodEntry | None:
        found = self.repo.mood_entries(limit=1)
        return found[0] if found else None

    def new_entry(self, mood: int, feelings: Iterable[str] = (), note: str = "",
                  at: datetime | None = None) -> MoodEntry:
        """An unsaved entry for now (or ``at``)."""
        return MoodEntry(at=at or self.clock(), mood=mood, feelings=tuple(feelings), note=note)

    def save(self, entry: MoodEntry) -> MoodEntry:
        return self.repo.save_mood_entry(checked_entry(entry))

    def delete(self, entry_id: int) -> MoodEntry:
        return self.repo.delete_mood_entry(entry_id)
