"""Mood on its own: checking an entry, its words, and joining it with check-in moods."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.errors import ValidationError
from supportdesk.core.insights import Direction, mood_trend
from supportdesk.core.mood import FEELINGS, MoodEntry, checked_entry, merged_moods

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_the_words_use_the_check_in_scale_then_the_feelings() -> None:
    assert MoodEntry(at=NOW, mood=3).words == "Okay"
    assert MoodEntry(at=NOW, mood=1, feelings=("tired", "lonely")).words \
        == "Very low · tired, lonely"


@pytest.mark.parametrize("mood", [0, 6, -1])
def test_a_mood_off_the_scale_is_refused_by_name(mood: int) -> None:
    with pytest.raises(ValidationError, match="from 1") as refused:
        checked_entry(MoodEntry(at=NOW, mood=mood))
    assert refused.value.field == "mood"


def test_feelings_are_tidied_kept_in_order_and_without_repeats() -> None:
    entry = checked_entry(MoodEntry(at=NOW, mood=2,
                                    feelings=(" Tired ", "anxious", "tired", "", "a  bit  flat"),
                                    note="  slept badly \u202e "))
    assert entry.feelings == ("tired", "anxious", "a bit flat")
    assert entry.note == "slept badly"


def test_a_feeling_with_a_comma_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        checked_entry(MoodEntry(at=NOW, mood=3, feelings=("low, tired",)))
    assert refused.value.field == "feelings"


def test_the_offered_feelings_are_the_short_plain_list() -> None:
    assert FEELINGS == ("calm", "anxious", "low", "hopeful", "tired", "angry", "lonely",
                        "content")


def test_no_moods_anywhere_merge_to_nothing_and_say_so_warmly() -> None:
    assert merged_moods([], [], limit=30) == []
    trend = mood_trend([])
    assert trend.direction is Direction.UNKNOWN
    assert "how you are" in trend.words


def test_one_lone_entry_is_a_mood_lately() -> None:
    merged = merged_moods([], [(NOW, 2)], limit=30)
    assert merged == [(NOW, 2)]
    assert mood_trend([m for _, m in merged]).average == 2


def test_moods_from_both_sources_are_ordered_by_the_instant_across_time_zones() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    # 18:30 in Tokyo is 09:30 UTC: before the 10:00 UTC check-in, though its hour is later
    lone = [(datetime(2026, 11, 24, 18, 30, tzinfo=tokyo), 1)]
    checkins = [(NOW, 4), (NOW - timedelta(days=1), 3)]
    new_york = [(datetime(2026, 11, 24, 6, 0, tzinfo=timezone(timedelta(hours=-5))), 5)]
    merged = merged_moods(checkins, lone, new_york, limit=30)
    assert [m for _, m in merged] == [3, 1, 4, 5]


def test_only_the_latest_are_kept() -> None:
    lone = [(NOW - timedelta(hours=h), h % 5 + 1) for h in range(10)]
    merged = merged_moods(lone, limit=3)
    assert [at for at, _ in merged] == [NOW - timedelta(hours=h) for h in (2, 1, 0)]
