"""Isolation, gently: when it comes up, who it names, and how it says it."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.isolation import IsolationRule, Why, isolation
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import ALL_DAYS, AvailabilityWindow, Cadence, Supporter

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ON = IsolationRule(enabled=True, days=7)
LONDON = ZoneInfo("Europe/London")


def person(name: str, ring: Ring = Ring.INNER, kind: Kind = Kind.FRIEND, *,
           last: datetime | None = None, free: bool = False, stressful: bool = False,
           paused: bool = False) -> Supporter:
    windows = [AvailabilityWindow(ALL_DAYS, time(0, 0), time(0, 0))] if free else []
    return Supporter(name=name, kind=kind, ring=ring, availability=windows,
                     stressful=stressful, cadence=Cadence(paused=paused),
                     created=NOW - timedelta(days=90), last_contact=last)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def test_it_is_off_unless_chosen() -> None:
    people = [person("Robin", last=ago(30))]
    assert isolation(IsolationRule(), people, [], NOW, LONDON) is None


def test_no_one_to_suggest_means_no_suggestion() -> None:
    assert isolation(ON, [], [], NOW, LONDON) is None
    gp = person("Dr Cole", kind=Kind.PROFESSIONAL, last=ago(30))
    assert isolation(ON, [gp], [], NOW, LONDON) is None


def test_a_week_without_contact_with_anyone_names_two_of_the_closest() -> None:
    people = [person("Outer Ola", Ring.OUTER, last=ago(8), free=True),
              person("Robin", last=ago(9)), person("Sam", Ring.MIDDLE, last=ago(12)),
              person("Dale", stressful=True, last=ago(10))]
    found = isolation(ON, people, [], NOW, LONDON)
    assert found is not None and found.why is Why.QUIET and found.quiet_days == 8
    # reachable now first, then the closest; a stressful tie is not suggested
    assert [p.name for p in found.people] == ["Outer Ola", "Robin"]
    assert found.words == ("It's been 8 days since you were last in touch with anyone. "
                           "That happens, and there's nothing to catch up on: a short "
                           "message to Outer Ola or Robin could be enough.")


def test_less_than_the_chosen_days_is_not_yet_quiet() -> None:
    people = [person("Robin", last=ago(6.9))]
    assert isolation(ON, people, [], NOW, LONDON) is None
    assert isolation(IsolationRule(True, 5), people, [], NOW, LONDON) is not None


def test_never_in_touch_counts_from_when_people_were_added() -> None:
    # (in UTC: 90 x 24 hours back from November is summer time in London, 89 days and
    # 23 hours on the clock there; see the clock-change test below)
    found = isolation(ON, [person("Robin")], [], NOW, UTC)
    assert found is not None and found.quiet_days == 90


def test_low_moods_noted_alone_while_it_is_quiet_come_up_sooner() -> None:
    people = [person("Robin", last=ago(4))]
    low = [(ago(2), 2), (ago(1), 1)]
    found = isolation(ON, people, low, NOW, LONDON)
    assert found is not None and found.why is Why.LOW_AND_QUIET
    assert "low moments" in found.words and "Robin" in found.words
    for word in ("worse", "depress", "symptom", "isolat", "risk"):
        assert word not in found.words.casefold()


@pytest.mark.parametrize("moods", [
    [(NOW - timedelta(days=1), 1)],  # one low moment is not a pattern
    [(NOW - timedelta(days=2), 1), (NOW - timedelta(days=1), 4)],  # the latest was better
    [(NOW - timedelta(days=6), 1), (NOW - timedelta(days=5), 1)],  # before they saw Robin
])
def test_low_moods_count_only_when_the_latest_are_low_since_the_last_contact(
        moods: list[tuple[datetime, int]]) -> None:
    people = [person("Robin", last=ago(4))]
    assert isolation(ON, people, moods, NOW, LONDON) is None


def test_low_moods_soon_after_contact_are_not_yet_quiet() -> None:
    people = [person("Robin", last=ago(2))]
    assert isolation(ON, people, [(ago(1.5), 1), (ago(1), 1)], NOW, LONDON) is None


def test_moments_in_other_time_zones_are_compared_as_instants() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    last = datetime(2026, 11, 20, 12, 0, tzinfo=timezone(timedelta(hours=-5)))  # 17:00 UTC
    people = [person("Robin", last=last)]
    # 01:30 on the 21st in Tokyo is 16:30 UTC on the 20th: before the last contact
    before = datetime(2026, 11, 21, 1, 30, tzinfo=tokyo)
    assert isolation(ON, people, [(before, 1), (ago(1), 1)], NOW, LONDON) is None
    after = datetime(2026, 11, 21, 2, 30, tzinfo=tokyo)  # 17:30 UTC on the 20th
    found = isolation(ON, people, [(after, 1), (ago(1), 1)], NOW, LONDON)
    assert found is not None and found.why is Why.LOW_AND_QUIET


def test_a_stressful_or_paused_tie_is_named_only_when_there_is_no_one_else() -> None:
    only = [person("Dale", stressful=True, last=ago(10)),
            person("Kim", paused=True, last=ago(11))]
    found = isolation(ON, only, [], NOW, LONDON)
    assert found is not None and {p.name for p in found.people} == {"Dale", "Kim"}


def test_a_week_is_seven_local_days_across_a_clock_change() -> None:
    """Seven days after a Sunday noon contact is the next Sunday noon on the clock, even
    when the clocks went forward (167 hours) or back (169 hours) in between."""
    # as the vault gives them: in UTC
    spring_contact = datetime(2026, 3, 22, 12, 0, tzinfo=LONDON).astimezone(UTC)
    spring_now = datetime(2026, 3, 29, 12, 0, tzinfo=LONDON).astimezone(UTC)
    assert spring_now - spring_contact == timedelta(hours=167)
    found = isolation(ON, [person("Robin", last=spring_contact)], [], spring_now, LONDON)
    assert found is not None and found.quiet_days == 7
    just_before = spring_now - timedelta(minutes=1)
    assert isolation(ON, [person("Robin", last=spring_contact)], [], just_before,
                     LONDON) is None
    autumn_contact = datetime(2026, 10, 18, 12, 0, tzinfo=LONDON).astimezone(UTC)
    autumn_now = datetime(2026, 10, 25, 11, 30, tzinfo=LONDON).astimezone(UTC)
    assert autumn_now - autumn_contact == timedelta(hours=168, minutes=30)
    assert isolation(ON, [person("Robin", last=autumn_contact)], [], autumn_now,
                     LONDON) is None  # not yet noon on the clock
    found = isolation(ON, [person("Robin", last=autumn_contact)], [],
                      autumn_now + timedelta(minutes=30), LONDON)
    assert found is not None and found.quiet_days == 7


def test_one_lone_mood_is_not_a_run_of_low_ones() -> None:
    people = [person("Robin", last=ago(4))]
    assert isolation(ON, people, [(ago(1), 1)], NOW, LONDON) is None
    assert isolation(ON, people, [(ago(2), 1), (ago(1), 1)], NOW, LONDON) is not None
