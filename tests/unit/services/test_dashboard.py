"""Today's data: due items, coverage, reciprocity, moods, thanks and escalation, in few queries."""

from __future__ import annotations

import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.insights import Direction, EscalationRule, Gap, Lean
from supportdesk.core.kinds import Kind, Ring, SupportType
from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.services.dashboard import DashboardService, greeting
from supportdesk.services.session import Session
from supportdesk.store.models import SupporterRow
from tests.conftest import FIXED_NOW

LONDON = ZoneInfo("Europe/London")


def add(session: Session, name: str, kind: Kind = Kind.FRIEND, ring: Ring = Ring.INNER,
        created: datetime = FIXED_NOW - timedelta(days=60)) -> Supporter:
    return session.repo.add_supporter(Supporter(name=name, kind=kind, ring=ring), now=created)


def checkin(session: Session, who: Supporter, days_ago: float, mood: int | None = None,
            gave: bool = False, received: bool = False) -> None:
    assert who.id is not None
    session.network.log_checkin(CheckIn(
        supporter_id=who.id, at=FIXED_NOW - timedelta(days=days_ago), mood_before=mood,
        support_given=frozenset({SupportType.EMOTIONAL}) if gave else frozenset(),
        support_received=frozenset({SupportType.PRACTICAL}) if received else frozenset()))


@contextmanager
def counted_queries(session: Session) -> Iterator[list[str]]:
    seen: list[str] = []
    original = session.db.execute_sql

    def counting(sql: str, *args: object, **kw: object) -> object:
        seen.append(sql)
        return original(sql, *args, **kw)

    session.db.execute_sql = counting  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        session.db.execute_sql = original  # type: ignore[method-assign]


def test_an_empty_vault_is_empty_and_says_so(session: Session) -> None:
    today = DashboardService(session, LONDON).today()
    assert today.is_empty and today.due == [] and today.coverage.gaps == (Gap.EMPTY,)
    assert today.escalation is None


def test_today_gathers_due_coverage_reciprocity_moods_and_thanks(session: Session) -> None:
    ana = add(session, "Ana")
    ben = add(session, "Ben", ring=Ring.MIDDLE)
    add(session, "Dr Cole", Kind.PROFESSIONAL, Ring.MIDDLE, created=FIXED_NOW)
    checkin(session, ana, 20, mood=4, gave=True)   # inner, 7-day cadence: overdue
    checkin(session, ana, 15, mood=4, gave=True)
    checkin(session, ana, 12, mood=2, gave=True)
    checkin(session, ben, 3, mood=2, gave=True)    # middle, 14 days: not due
    checkin(session, ben, 2, mood=1, received=True)
    checkin(session, ben, 200, mood=5, received=True)  # outside both windows
    session.network.save_gratitude(Gratitude(ben.id, date(2026, 11, 1), "Lift", thanked=True))
    today = DashboardService(session, LONDON).today()
    assert [d.name for d in today.due] == ["Ana"]
    assert set(today.coverage.gaps) == {Gap.SINGLE_INNER, Gap.NO_PEERS, Gap.NO_EVENINGS,
                                        Gap.NO_NIGHTS, Gap.NO_WEEKENDS}
    assert (today.reciprocity.gave, today.reciprocity.received) == (4, 1)
    assert today.reciprocity.lean is Lean.MOSTLY_GIVING
    assert today.names(today.reciprocity.giving_a_lot_to) == ["Ana"]
    assert today.mood.moods == (4, 4, 2, 2, 1)
    assert today.mood.direction is Direction.FALLING and today.mood.low_streak == 3
    assert [p.name for p in today.gratitude] == ["Ana", "Dr Cole"]  # Ben was thanked lately
    assert today.greeting == "Good morning"


def test_escalation_appears_only_once_opted_in(session: Session) -> None:
    pro = add(session, "Dr Cole", Kind.PROFESSIONAL, Ring.MIDDLE)
    for days_ago in (3, 2, 1):
        checkin(session, pro, days_ago, mood=2)
    service = DashboardService(session, LONDON)
    assert service.today().escalation is None
    service.set_escalation_rule(EscalationRule(enabled=True, threshold=2, count=3))
    shown = service.today().escalation
    assert shown is not None and [p.name for p in shown.professionals] == ["Dr Cole"]
    service.set_escalation_rule(EscalationRule(enabled=True, threshold=1, count=3))
    assert service.today().escalation is None
    assert service.escalation_rule() == EscalationRule(enabled=True, threshold=1, count=3)


def test_the_query_count_does_not_grow_with_the_network(session: Session) -> None:
    service = DashboardService(session, LONDON)
    people = [add(session, f"P{i}") for i in range(3)]
    checkin(session, people[0], 1, mood=3, gave=True)
    with counted_queries(session) as small:
        service.today()
    more = [add(session, f"Q{i}") for i in range(40)]
    for p in more:
        checkin(session, p, 2, mood=3, received=True)
    with counted_queries(session) as large:
        DashboardService(session, LONDON).today()  # nothing kept from before
    assert len(large) == len(small) <= 16


@pytest.mark.parametrize(("hour", "words"), [(6, "Good morning"), (13, "Good afternoon"),
                                             (19, "Good evening"), (2, "Good evening")])
def test_greeting_follows_the_local_hour(hour: int, words: str) -> None:
    assert greeting(datetime(2026, 11, 24, hour, 30, tzinfo=UTC), LONDON) == words


@pytest.mark.slow
def test_today_stays_fast_on_a_large_vault(session: Session) -> None:
    """2,000 supporters and 200,000 check-ins: Today is ready in well under a second."""
    created = FIXED_NOW - timedelta(days=400)
    with session.db.atomic():
        SupporterRow.insert_many(
            [{"name": f"Person {i}", "kind": "friend", "ring": ("inner", "middle", "outer")[i % 3],
              "created": created.replace(tzinfo=None)} for i in range(2000)]).execute()
        rows = [(1 + i % 2000, str((FIXED_NOW - timedelta(minutes=3 * i)).replace(tzinfo=None)),
                 1 + i % 5, "emotional" if i % 2 else "", "practical" if i % 3 else "")
                for i in range(200_000)]
        session.db.cursor().executemany(
            "INSERT INTO check_in (supporter_id, at, mode, initiator, mood_before, "
            "support_given, support_received, note) VALUES (?, ?, 'call', 'me', ?, ?, ?, '')",
            rows)
    service = DashboardService(session, LONDON)
    service.today()  # warm the page cache as a running app would have
    started = clock.perf_counter()
    today = service.today()
    assert clock.perf_counter() - started < 1.5
    assert len(today.supporters) == 2000 and today.reciprocity.gave > 0
