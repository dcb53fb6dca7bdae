"""The demo network: complete enough to show every part of the app, and repeatable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from supportdesk.core.kinds import Kind, PlanStep, Role
from supportdesk.services.demo import DEMO_DAYS, fill_demo
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW


def test_every_kind_and_every_professional_role_is_there(session: Session) -> None:
    fill_demo(session, FIXED_NOW)
    supporters = session.repo.supporters()
    assert {s.kind for s in supporters} == set(Kind)
    roles = {s.role for s in supporters if s.kind is Kind.PROFESSIONAL}
    assert roles == set(Role) - {Role.NONE}


def test_network_has_the_details_each_screen_shows(session: Session) -> None:
    fill_demo(session, FIXED_NOW)
    supporters = session.repo.supporters()
    assert any(s.stressful for s in supporters)
    assert any(s.timezone and s.timezone != "UTC" for s in supporters)
    assert any(any(w.is_always for w in s.availability) for s in supporters)
    assert any(s.boundaries.mine for s in supporters)
    assert any(s.boundaries.theirs for s in supporters)
    assert any(not s.help.is_empty for s in supporters)
    groups = [s for s in supporters if s.kind is Kind.GROUP]
    assert groups and all(g.meeting_schedule and g.meeting_place for g in groups)
    assert all(s.contacts for s in supporters)


def test_about_six_months_of_checkins_with_moods(session: Session) -> None:
    fill_demo(session, FIXED_NOW)
    checkins = session.repo.checkins()
    assert len(checkins) > 200
    oldest = min(c.at for c in checkins)
    assert FIXED_NOW - oldest > timedelta(days=DEMO_DAYS - 30)
    assert all(c.at <= FIXED_NOW for c in checkins)
    assert all(1 <= (c.mood_before or 0) <= 5 and 1 <= (c.mood_after or 0) <= 5
               for c in checkins)
    assert any(c.support_given for c in checkins)
    assert any(c.support_received for c in checkins)


def test_safety_plan_fills_every_step_and_links_real_supporters(session: Session) -> None:
    ids = fill_demo(session, FIXED_NOW)
    items = session.repo.plan_items()
    assert {i.step for i in items} == set(PlanStep)
    linked = {i.supporter_id for i in items if i.supporter_id is not None}
    assert linked and linked <= set(ids.values())
    assert session.repo.gratitude()


def test_same_moment_gives_the_same_network(
        session: Session, tmp_path_factory: pytest.TempPathFactory, db_key: bytes) -> None:
    from supportdesk.store import database, migrations

    fill_demo(session, FIXED_NOW)
    first = [(c.supporter_id, c.at, c.mood_before, c.note) for c in session.repo.checkins()]
    session.close()
    other_db = database.connect(tmp_path_factory.mktemp("again") / "x.db", db_key)
    migrations.migrate(other_db)
    other = Session(other_db, clock=lambda: FIXED_NOW)
    fill_demo(other, FIXED_NOW)
    again = [(c.supporter_id, c.at, c.mood_before, c.note) for c in other.repo.checkins()]
    other.close()
    assert first == again


def test_a_few_moods_are_noted_on_their_own_too(session: Session) -> None:
    fill_demo(session, FIXED_NOW)
    entries = session.repo.mood_entries()
    assert 5 <= len(entries) <= 10
    assert all(e.at < FIXED_NOW and 1 <= e.mood <= 5 for e in entries)
    assert any(e.feelings for e in entries) and any(e.note for e in entries)
