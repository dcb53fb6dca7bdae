"""Mood on its own: a quick "How are you?" with no one else in it.

The same 1–5 scale and words as a check-in's mood (``model.MOOD_LABELS``), a few named
feelings if the person wants them, an optional note, and when. ``merged_moods`` joins
these with the moods noted in check-ins, so "Mood lately" shows how the person has
been whether or not they were in touch with anyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from supportdesk.core.errors import ValidationError
from supportdesk.core.model import MOOD_LABELS
from supportdesk.core.validation import clean_text

# Offered as ticks; others may be typed (the command line's --feeling) and are kept.
FEELINGS = ("calm", "anxious", "low", "hopeful", "tired", "angry", "lonely", "content")
FEELING_LIMIT = 40
MAX_FEELINGS = 12
NOTE_LIMIT = 20_000


@dataclass(frozen=True)
class MoodEntry:
    """How I was at ``at`` (timezone-aware): 1 very low .. 5 very good."""

    at: datetime
    mood: int
    feelings: tuple[str, ...] = ()
    note: str = ""
    id: int | None = None

    @property
    def words(self) -> str:
        """"Okay · tired, calm" — the mood in words, then any feelings."""
        label = MOOD_LABELS.get(self.mood, "")
        return f"{label} · {', '.join(self.feelings)}" if self.feelings else label


def clean_feelings(feelings: Iterable[str]) -> tuple[str, ...]:
    """Lower-case, trimmed, without repeats, in the order given."""
    seen: list[str] = []
    for feeling in feelings:
        word = " ".join(feeling.split()).casefold()
        if word and word not in seen:
            seen.append(word)
    return tuple(seen)


def checked_entry(entry: MoodEntry) -> MoodEntry:
    """The entry tidied for saving, or ValidationError naming what to change."""
    if entry.mood not in MOOD_LABELS:
        raise ValidationError("Choose how you are, from 1 (very low) to 5 (very good).",
                              field="mood")
    if entry.at.tzinfo is None:
        raise ValueError("a mood entry's time must be timezone-aware")
    feelings = clean_feelings(clean_text(f) for f in entry.feelings)
    if any("," in f or len(f) > FEELING_LIMIT for f in feelings):
        raise ValidationError("A feeling is best kept to a word or two, without commas.",
                              field="feelings")
    if len(feelings) > MAX_FEELINGS:
        raise ValidationError(f"Up to {MAX_FEELINGS} feelings can be noted at once.",
                              field="feelings")
    note = clean_text(entry.note)
    if len(note) > NOTE_LIMIT:
        raise ValidationError("That note is very long; please shorten it a little.",
                              field="note")
    return replace(entry, feelings=feelings, note=note)


def merged_moods(*sources: Sequence[tuple[datetime, int]], limit: int
                 ) -> list[tuple[datetime, int]]:
    """The latest ``limit`` (when, mood) pairs from every source, oldest first.

    Moments in different time zones are ordered by the instant they name."""
    joined = sorted((pair for source in sources for pair in source), key=lambda p: p[0])
    return joined[-limit:] if limit > 0 else []
