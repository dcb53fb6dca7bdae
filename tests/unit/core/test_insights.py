"""Coverage gaps, reciprocity, mood trend, gratitude prompts and gentle escalation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.insights import (
    Direction,
    EscalationRule,
    Gap,
    Lean,
    SupportCount,
    coverage,
    escalation,
    gratitude_prompts,
    mood_trend,
    reciprocity_balance,
)
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import ALL_DAYS, AvailabilityWindow, Supporter

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
EVENINGS = AvailabilityWindow(ALL_DAYS, time(18, 0), time(22, 0))
WEEKDAY_EVENINGS = AvailabilityWindow(frozenset(range(5)), time(18, 0), time(22, 0))
ALWAYS = AvailabilityWindow.always()


def s(name: str, kind: Kind = Kind.FRIEND, ring: Ring = Ring.MIDDLE,
      windows: tuple[AvailabilityWindow, ...] = (), stressful: bool = False,
      sid: int | None = None) -> Supporter:
    return Supporter(name=name, kind=kind, ring=ring, availability=list(windows),
                     stressful=stressful, id=sid)


WELL_COVERED = [
    s("A", ring=Ring.INNER, windows=(EVENINGS,)),
    s("B", Kind.FAMILY, Ring.INNER),
    s("GP", Kind.PROFESSIONAL),
    s("Group", Kind.GROUP, Ring.OUTER),
    s("Line", Kind.CRISIS, Ring.OUTER, windows=(ALWAYS,)),
]


@pytest.mark.parametrize(
    ("network", "expected"),
    [
        ([], {Gap.EMPTY}),
        (WELL_COVERED, set()),
        # a single inner person is a single point of failure
        ([*WELL_COVERED[:1], *WELL_COVERED[2:]], {Gap.SINGLE_INNER}),
        # crisis lines do not count as the inner circle
        ([s("Line", Kind.CRISIS, Ring.INNER, windows=(ALWAYS,)), *WELL_COVERED[2:]],
         {Gap.NO_INNER, Gap.NO_EVENINGS, Gap.NO_WEEKENDS}),
        ([s("A", ring=Ring.INNER, windows=(EVENINGS,), stressful=True),
          s("B", ring=Ring.INNER, stressful=True), *WELL_COVERED[2:]],
         {Gap.INNER_ALL_STRESSFUL}),
        ([x for x in WELL_COVERED if x.kind is not Kind.PROFESSIONAL], {Gap.NO_PROFESSIONAL}),
        ([x for x in WELL_COVERED if x.kind is not Kind.GROUP], {Gap.NO_PEERS}),
        ([s("O", Kind.ONLINE), *[x for x in WELL_COVERED if x.kind is not Kind.GROUP]], set()),
        # nobody at night once the 24/7 line goes
        (WELL_COVERED[:4], {Gap.NO_NIGHTS}),
        # evenings on weekdays only: weekends are a gap
        ([s("A", ring=Ring.INNER, windows=(WEEKDAY_EVENINGS,)), *WELL_COVERED[1:]],
         {Gap.NO_WEEKENDS}),
        # a crisis line alone does not cover evenings with people
        ([s("A", ring=Ring.INNER), *WELL_COVERED[1:]], {Gap.NO_EVENINGS, Gap.NO_WEEKENDS}),
    ],
)
def test_coverage_gaps(network: list[Supporter], expected: set[Gap]) -> None:
    assert set(coverage(network, NOW, LONDON).gaps) == expected


def test_coverage_lists_kinds_present_and_every_gap_has_gentle_words() -> None:
    assert coverage(WELL_COVERED, NOW, LONDON).present == {
        Kind.FRIEND, Kind.FAMILY, Kind.PROFESSIONAL, Kind.GROUP, Kind.CRISIS}
    for gap in Gap:
        words = set(gap.suggestion.lower().replace(".", " ").replace(",", " ").split())
        assert gap.suggestion and not words & {"must", "should", "need", "failure"}


@pytest.mark.parametrize(
    ("counts", "lean", "heavy"),
    [
        ([], Lean.QUIET, ()),
        ([SupportCount(1, 5, 0, 0)], Lean.QUIET, ()),
        ([SupportCount(1, 4, 2, 2), SupportCount(2, 3, 1, 2)], Lean.BALANCED, ()),
        ([SupportCount(1, 6, 6, 1), SupportCount(2, 2, 1, 1)], Lean.MOSTLY_GIVING, (1,)),
        ([SupportCount(1, 6, 0, 5)], Lean.MOSTLY_RECEIVING, ()),
        # overall balanced, yet one tie leans heavily on me
        ([SupportCount(1, 6, 5, 0), SupportCount(2, 6, 0, 5)], Lean.BALANCED, (1,)),
    ],
)
def test_reciprocity_balance(counts: list[SupportCount], lean: Lean,
                             heavy: tuple[int, ...]) -> None:
    balance = reciprocity_balance(counts)
    assert balance.lean is lean
    assert balance.giving_a_lot_to == heavy
    assert balance.words


@pytest.mark.parametrize(
    ("moods", "average", "direction", "streak"),
    [
        ([], None, Direction.UNKNOWN, 0),
        ([2], 2.0, Direction.UNKNOWN, 1),  # one entry: no trend yet, but it is low
        ([3, 2], 2.5, Direction.UNKNOWN, 1),
        ([2, 2, 4, 4], 3.0, Direction.RISING, 0),
        ([4, 4, 3, 2, 2, 1], 2.67, Direction.FALLING, 3),
        ([3, 4, 4, 3], 3.5, Direction.STEADY, 0),
        ([1, 1, 1, 1], 1.0, Direction.STEADY, 4),
        ([2, 5, 2, 2], 2.75, Direction.FALLING, 2),
    ],
)
def test_mood_trend(moods: list[int], average: float | None, direction: Direction,
                    streak: int) -> None:
    trend = mood_trend(moods)
    assert (trend.average, trend.direction, trend.low_streak) == (average, direction, streak)
    assert trend.moods == tuple(moods)


def test_a_few_low_moods_are_named_even_before_there_is_a_trend() -> None:
    """Beside "Things have been hard lately", the mood card must not say it needs more."""
    assert "low" in mood_trend([2, 1, 2]).words
    assert "A few more moods noted" in mood_trend([4, 2]).words


def test_gratitude_prompts_longest_unthanked_first_inner_and_middle_only() -> None:
    today = date(2026, 11, 24)
    network = [
        s("Recently thanked", ring=Ring.INNER, sid=1),
        s("Long ago", ring=Ring.INNER, sid=2),
        s("Never", ring=Ring.MIDDLE, sid=3),
        s("Outer", ring=Ring.OUTER, sid=4),
        s("Line", Kind.CRISIS, Ring.INNER, sid=5),
        s("Forum", Kind.ONLINE, Ring.MIDDLE, sid=6),
    ]
    thanked = {1: today - timedelta(days=10), 2: today - timedelta(days=90)}
    prompts = gratitude_prompts(network, thanked, today)
    assert [p.name for p in prompts] == ["Never", "Long ago"]
    assert prompts[0].words == "Is there something you'd like to thank Never for?"


def moods_at(*moods: int, days_apart: int = 1) -> list[tuple[datetime, int]]:
    return [(NOW - timedelta(days=days_apart * (len(moods) - i)), m) for i, m in enumerate(moods)]


PROS = [s("Dr Lee", Kind.PROFESSIONAL, Ring.MIDDLE), s("Ana (therapist)", Kind.PROFESSIONAL,
                                                        Ring.INNER), s("Friend")]


@pytest.mark.parametrize(
    ("rule", "recent", "suggested"),
    [
        (EscalationRule(enabled=False), moods_at(1, 1, 1, 1), False),  # opt-in only
        (EscalationRule(enabled=True), moods_at(1, 2, 2), True),
        (EscalationRule(enabled=True), moods_at(1, 3, 2), False),  # one better day breaks it
        (EscalationRule(enabled=True), moods_at(4, 4, 2, 2, 1), True),  # only the last N count
        (EscalationRule(enabled=True), moods_at(2, 2), False),  # not enough yet
        (EscalationRule(enabled=True, threshold=3), moods_at(3, 3, 3), True),
        (EscalationRule(enabled=True, count=5), moods_at(2, 2, 2, 2), False),
        # old low moods outside the window do not count
        (EscalationRule(enabled=True), moods_at(1, 1, 1, days_apart=10), False),
    ],
)
def test_escalation(rule: EscalationRule, recent: list[tuple[datetime, int]],
                    suggested: bool) -> None:
    result = escalation(rule, recent, NOW, PROS)
    assert (result is not None) is suggested
    if result is not None:
        assert [p.name for p in result.professionals] == ["Ana (therapist)", "Dr Lee"]
        assert "Ana (therapist)" in result.words
        for clinical in ("depress", "disorder", "diagnos", "symptom"):
            assert clinical not in result.words.lower()


def test_escalation_without_professionals_still_points_somewhere_warm() -> None:
    result = escalation(EscalationRule(enabled=True), moods_at(1, 1, 1), NOW, [s("Friend")])
    assert result is not None and result.professionals == ()
    assert "GP or counsellor" in result.words and "crisis lines" in result.words


def test_escalation_with_no_moods_or_one() -> None:
    assert escalation(EscalationRule(enabled=True), [], NOW, PROS) is None
    assert escalation(EscalationRule(enabled=True), moods_at(1), NOW, PROS) is None
    assert escalation(EscalationRule(enabled=True, count=1), moods_at(1), NOW, PROS)
    assert escalation(EscalationRule(enabled=True, count=0), moods_at(1, 1, 1), NOW, PROS) is None


def test_escalation_orders_moods_noted_in_other_time_zones_by_the_instant() -> None:
    """A check-in logged in Tokyo at 08:00 (+09:00) came before a mood noted in London at
    01:00 the same date: the better mood is the older one, so the last three are low."""
    tokyo, london = ZoneInfo("Asia/Tokyo"), LONDON
    moods = [(datetime(2026, 11, 20, 12, 0, tzinfo=london), 1),
             (datetime(2026, 11, 21, 12, 0, tzinfo=london), 1),
             (datetime(2026, 11, 23, 8, 0, tzinfo=tokyo), 4),  # 23:00 on the 22nd in UTC
             (datetime(2026, 11, 23, 1, 0, tzinfo=london), 2),
             (datetime(2026, 11, 23, 20, 0, tzinfo=london), 2),
             (datetime(2026, 11, 24, 1, 0, tzinfo=tokyo), 1)]  # 16:00 on the 23rd in UTC
    assert escalation(EscalationRule(enabled=True), moods, NOW, PROS) is not None
    assert escalation(EscalationRule(enabled=True, count=4), moods, NOW, PROS) is None


def test_escalation_counts_its_days_on_the_local_clock_across_a_clock_change() -> None:
    """"Within 14 days" of 10:00 on 7 November reaches back to 10:00 on 24 October in
    London, across the end of summer time (25 October 2026): 14 days and an hour."""
    rule = EscalationRule(enabled=True, count=1, within_days=14)
    now = datetime(2026, 11, 7, 10, 0, tzinfo=LONDON)
    assert escalation(rule, [(datetime(2026, 10, 24, 10, 0, tzinfo=LONDON), 1)], now, PROS,
                      LONDON) is not None
    assert escalation(rule, [(datetime(2026, 10, 24, 9, 59, tzinfo=LONDON), 1)], now, PROS,
                      LONDON) is None
    # Across the start of summer time (29 March 2026) a week is 7 days less an hour.
    week = EscalationRule(enabled=True, count=1, within_days=7)
    spring = datetime(2026, 4, 4, 10, 0, tzinfo=LONDON)
    assert escalation(week, [(datetime(2026, 3, 28, 9, 30, tzinfo=LONDON), 1)], spring, PROS,
                      LONDON) is None
    assert escalation(week, [(datetime(2026, 3, 28, 10, 0, tzinfo=LONDON), 1)], spring, PROS,
                      LONDON) is not None


def test_coverage_reads_each_persons_windows_in_their_own_time_zone() -> None:
    # 09:00-12:00 in Auckland is 20:00-23:00 in London (November): an evening here.
    auckland_mornings = AvailabilityWindow(ALL_DAYS, time(9, 0), time(12, 0))
    abroad = Supporter("Aroha", Kind.FRIEND, ring=Ring.INNER, timezone="Pacific/Auckland",
                       availability=[auckland_mornings])
    at_home = Supporter("Ben", Kind.FRIEND, ring=Ring.INNER, availability=[auckland_mornings])
    rest = WELL_COVERED[1:]
    assert Gap.NO_EVENINGS not in coverage([abroad, *rest], NOW, LONDON).gaps
    assert Gap.NO_EVENINGS in coverage([at_home, *rest], NOW, LONDON).gaps
    # the same zone met twice, and an unknown zone falls back to the person's own
    lost = Supporter("Cai", Kind.FRIEND, timezone="Not/AZone", availability=[auckland_mornings])
    assert Gap.NO_EVENINGS in coverage([at_home, lost, *rest], NOW, LONDON).gaps
    assert Gap.NO_EVENINGS not in coverage([lost, at_home, abroad, *rest], NOW, LONDON).gaps


def test_the_balance_reads_as_words_not_a_tally() -> None:
    for counts in ([SupportCount(1, 200, 151, 192)], [SupportCount(1, 9, 8, 1)],
                   [SupportCount(1, 9, 0, 8)]):
        words = reciprocity_balance(counts).words
        assert "×" not in words and not any(ch.isdigit() for ch in words), words
    assert reciprocity_balance([SupportCount(1, 200, 151, 192)]).words == (
        "Lately support has been flowing both ways.")
