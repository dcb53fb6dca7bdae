"""Mood on its own through the application: add, edit, undo, delete, restore, and Today."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.errors import ValidationError
from supportdesk.core.insights import Direction, EscalationRule
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.services.application import Application
from supportdesk.services.dashboard import DashboardService
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def app(session: Session) -> Application:
    return Application(session)


def test_adding_publishes_checkins_and_a_refused_mood_writes_nothing(app: Application) -> None:
    heard: list[frozenset[str]] = []
    app.feed.subscribe(heard.append)
    entry = app.add_mood_entry(app.mood.new_entry(2, ["Tired"], "Slow start"))
    assert entry.id is not None and entry.at == FIXED_NOW and entry.feelings == ("tired",)
    assert heard == [frozenset({"checkins"})]
    with pytest.raises(ValidationError):
        app.add_mood_entry(app.mood.new_entry(7))
    assert app.mood.entries() == [entry]


def test_an_edit_is_undone_field_by_field(app: Application) -> None:
    entry = app.add_mood_entry(app.mood.new_entry(2))
    edit = app.edit_mood_entry(entry, replace(entry, mood=4))
    # a change made since, elsewhere, to another field survives the undo
    app.mood.save(replace(app.mood.entry(entry.id or 0), note="later"))
    app.undo_mood_entry_edit(edit)
    assert (app.mood.entry(entry.id or 0).mood, app.mood.entry(entry.id or 0).note) \
        == (2, "later")
    app.redo_mood_entry_edit(edit)
    assert app.mood.entry(entry.id or 0).mood == 4


def test_a_deleted_entry_is_restored_with_its_id(app: Application) -> None:
    entry = app.add_mood_entry(app.mood.new_entry(5, ["content"]))
    assert entry.id is not None
    gone = app.delete_mood_entry(entry.id)
    assert app.mood.entries() == []
    assert app.restore_mood_entry(gone) == entry
    assert app.mood.entries() == [entry]


def test_mood_lately_uses_lone_entries_when_no_one_was_seen(session: Session) -> None:
    app = Application(session)
    session.repo.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER),
                               now=FIXED_NOW - timedelta(days=60))
    dashboard = DashboardService(session, LONDON)
    assert dashboard.today().mood.moods == ()
    for days, mood in ((6, 4), (5, 4), (2, 2), (1, 1)):
        app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(days=days), mood=mood))
    trend = dashboard.today().mood  # the kept read is dropped: "checkins" moved
    assert trend.moods == (4, 4, 2, 1)
    assert trend.direction is Direction.FALLING


def test_mood_lately_joins_lone_entries_and_check_ins_in_time_order(session: Session) -> None:
    app = Application(session)
    robin = app.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER))
    assert robin.id is not None
    app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(days=3), mood=1))
    app.log_checkin(CheckIn(supporter_id=robin.id, at=FIXED_NOW - timedelta(days=2),
                            mood_before=3, mood_after=5))
    app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(hours=1), mood=4))
    app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(days=40), mood=5))  # too long ago
    assert DashboardService(session, LONDON).today().mood.moods == (1, 3, 4)


def test_the_opt_in_suggestion_counts_moods_noted_alone(session: Session) -> None:
    """Someone who has stopped seeing anyone, and notes only low moods on their own."""
    app = Application(session)
    gp = app.add_supporter(Supporter(name="Dr Cole", kind=Kind.PROFESSIONAL))
    assert gp.id is not None
    dashboard = DashboardService(session, LONDON)
    for days in (3, 2, 1):
        app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(days=days), mood=2))
    assert dashboard.today().escalation is None  # never without opting in
    app.set_escalation_rule(EscalationRule(enabled=True, threshold=2, count=3))
    shown = dashboard.today().escalation
    assert shown is not None and [p.name for p in shown.professionals] == ["Dr Cole"]
    app.log_checkin(CheckIn(supporter_id=gp.id, at=FIXED_NOW - timedelta(hours=5),
                            mood_before=2))
    assert dashboard.today().escalation is not None  # a low check-in in the run as well
    app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(hours=1), mood=4))
    assert dashboard.today().escalation is None  # a better moment, noted alone, ends it


def test_low_moods_noted_alone_bring_the_quiet_suggestion_sooner(session: Session) -> None:
    from supportdesk.core.isolation import IsolationRule, Why

    app = Application(session)
    robin = app.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER))
    assert robin.id is not None
    app.log_checkin(CheckIn(supporter_id=robin.id, at=FIXED_NOW - timedelta(days=4)))
    app.set_isolation_rule(IsolationRule(enabled=True, days=7))
    dashboard = DashboardService(session, LONDON)
    assert dashboard.today().isolation is None  # four quiet days are not seven
    for hours in (30, 3):
        app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(hours=hours), mood=2))
    found = dashboard.today().isolation
    assert found is not None and found.why is Why.LOW_AND_QUIET
    assert [p.name for p in found.people] == ["Robin"]
    app.set_isolation_rule(IsolationRule(enabled=False, days=7))
    assert dashboard.today().isolation is None
