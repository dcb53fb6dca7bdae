"""What your people do for your mood: how you tend to feel after time with someone.

From the person's own check-ins over the past year that carry both a mood before and a
mood after: for each person with at least ``MIN_CHECKINS`` of them, the median change
(after minus before, on the 1–5 scale) in a few warm words. It is never a ranking and
never blames anyone: a change for the worse is put into words only for a tie the person
marked as stressful ("…it's okay to take care of yourself around them"); for anyone
else it says nothing at all.

Counts come as a histogram (change -> how many check-ins), so the store can gather
them for everyone in one aggregate pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

MIN_CHECKINS = 5
LATELY = timedelta(days=365)
A_LOT = 2.0  # a median rise of two steps or more
A_BIT = 1.0  # ...of one step
HARD = -1.0  # a median fall of a step or more
EXPLAINED = "From your own check-ins; nothing leaves this computer."


@dataclass(frozen=True)
class MoodEffect:
    """One person's typical change; ``words`` is None when there is nothing to say."""

    supporter_id: int
    count: int
    median: float | None
    words: str | None


def lately_since(now: datetime, zone: tzinfo) -> datetime:
    """The start of the local day a year before ``now`` (UTC): the same all day long,
    so a day's answer can be kept, and the same local day wherever the clock changed."""
    first = now.astimezone(zone).date() - LATELY
    return datetime.combine(first, time(0, 0)).replace(tzinfo=zone, fold=0).astimezone(UTC)


def median_change(changes: Mapping[int, int]) -> float | None:
    """The median of a histogram of changes (change -> count); None when it is empty.
    An even count gives the mean of the middle two."""
    total = sum(n for n in changes.values() if n > 0)
    if total == 0:
        return None
    middle = ((total - 1) // 2, total // 2)  # the 0-based ranks of the middle one or two
    found: list[int] = []
    seen = 0
    for change in sorted(changes):
        n = changes[change]
        if n <= 0:
            continue
        found += [change for rank in middle if seen <= rank < seen + n]
        seen += n
    return sum(found) / 2


def effect_words(name: str, median: float, stressful: bool) -> str | None:
    """How you tend to feel after time with ``name``, or None (see the module)."""
    if median >= A_LOT:
        return f"After time with {name} you usually feel a lot better."
    if median >= A_BIT:
        return f"After time with {name} you usually feel a bit better."
    if median > HARD:
        return f"After time with {name} you usually feel about the same."
    if stressful:
        return (f"Check-ins with {name} have often been hard lately — it's okay to take "
                "care of yourself around them.")
    return None


def mood_effect(supporter_id: int, name: str, stressful: bool,
                changes: Mapping[int, int]) -> MoodEffect:
    count = sum(n for n in changes.values() if n > 0)
    if count < MIN_CHECKINS:
        return MoodEffect(supporter_id, count, None, None)
    median = median_change(changes)
    assert median is not None
    return MoodEffect(supporter_id, count, median, effect_words(name, median, stressful))


def not_yet_words(name: str, count: int) -> str:
    """For a person page before there is enough to say anything."""
    so_far = "none so far" if count == 0 else f"{count} so far"
    return (f"Once you've noted your mood before and after {MIN_CHECKINS} check-ins with "
            f"{name}, this shows how you tend to feel after time together ({so_far}).")
