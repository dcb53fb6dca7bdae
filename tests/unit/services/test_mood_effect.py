"""What your people do for your mood, from the vault: everyone in one query, one person
through the index, only the past year (from a local midnight), kept until data changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.application import Application
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW
from tests.unit.test_query_counts import counted


def person(session: Session, name: str, stressful: bool = False) -> Supporter:
    return session.network.save_supporter(Supporter(name=name, kind=Kind.FRIEND,
                                                    ring=Ring.INNER, stressful=stressful))


def checkins(session: Session, who: Supporter, *moods: tuple[int, int],
             at: datetime = FIXED_NOW - timedelta(days=3)) -> None:
    assert who.id is not None
    for n, (before, after) in enumerate(moods):
        session.network.log_checkin(CheckIn(who.id, at - timedelta(hours=n),
                                            mood_before=before, mood_after=after))


def test_off_by_default_and_switched_by_a_use_case(session: Session) -> None:
    app = Application(session)
    assert app.mood_effect.enabled is False
    app.set_mood_effect_shown(True)
    assert app.mood_effect.enabled is True


def test_everyone_at_once_in_one_query_and_kept_until_check_ins_change(
        session: Session) -> None:
    app = Application(session)
    robin, dale, sam = person(session, "Robin"), person(session, "Dale", stressful=True), \
        person(session, "Sam")
    checkins(session, robin, *[(2, 3)] * 5)
    checkins(session, dale, *[(3, 2)] * 6)
    checkins(session, sam, (3, 4), (3, 4))
    # a check-in with one mood only does not count
    assert sam.id is not None
    session.network.log_checkin(CheckIn(sam.id, FIXED_NOW - timedelta(days=1), mood_before=2))
    app.mood_effect.everyone()  # people read once (the repository keeps them)
    app.mood_effect._kept = None
    with counted(session) as statements:
        found = app.mood_effect.everyone()
    assert len([s for s in statements if "check_in" in s]) == 1
    assert found[robin.id or 0].words == "After time with Robin you usually feel a bit better."
    assert (found[dale.id or 0].words or "").startswith("Check-ins with Dale have often been")
    assert (found[sam.id or 0].count, found[sam.id or 0].words) == (2, None)
    with counted(session) as statements:
        assert app.mood_effect.everyone() is found
    assert not [s for s in statements if "check_in" in s]
    checkins(session, robin, *[(2, 5)] * 6)
    assert app.mood_effect.everyone()[robin.id or 0].words == (
        "After time with Robin you usually feel a lot better.")


def test_one_person_agrees_with_everyone(session: Session) -> None:
    app = Application(session)
    robin = person(session, "Robin")
    checkins(session, robin, (1, 3), (2, 3), (3, 3), (2, 4), (3, 5), (4, 4))
    assert app.mood_effect.for_person(robin) == app.mood_effect.everyone()[robin.id or 0]
    assert app.mood_effect.for_person(robin).median == 1.5


def test_only_the_past_year_from_local_midnight_counts(session: Session) -> None:
    app = Application(session)
    auckland = ZoneInfo("Pacific/Auckland")
    app.dashboard.tz = auckland
    robin = person(session, "Robin")
    # FIXED_NOW is 24 Nov 2026 23:00 in Auckland (NZDT, +13): the year starts at
    # midnight on 24 Nov 2025 there, which was 11:00 UTC on 23 Nov 2025
    start = datetime(2025, 11, 23, 11, 0, tzinfo=UTC)
    assert FIXED_NOW.astimezone(auckland).date().isoformat() == "2026-11-24"
    checkins(session, robin, *[(2, 3)] * 4, at=FIXED_NOW - timedelta(days=2))
    checkins(session, robin, (1, 5), at=start)  # just in
    checkins(session, robin, (1, 5), (1, 5), at=start - timedelta(minutes=1))  # just out
    effect = app.mood_effect.everyone()[robin.id or 0]
    assert (effect.count, effect.median) == (5, 1.0)
    app.dashboard.tz = UTC  # midnight UTC, 24 Nov 2025: the one "just in" is now out too
    assert app.mood_effect.everyone()[robin.id or 0].count == 4
    assert app.mood_effect.for_person(robin).count == 4
