"""The next meetings and the dates that come round, as Today and the command line show them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.meetings import Meeting
from supportdesk.core.model import AvailabilityWindow, Supporter
from supportdesk.services.application import Application
from supportdesk.services.occasions import OccasionsService
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW  # Tuesday 24 November 2026, 10:00 UTC

THURSDAY = Meeting(3, time(19), timezone="UTC")
BIRTHDAY = ImportantDate(DateKind.BIRTHDAY, 11, 29, year=1990)
HARD = ImportantDate(DateKind.HARD, 11, 25, label="Losing Gran", ask_company=True)


def _service(session: Session) -> OccasionsService:
    return OccasionsService(session, tz=UTC)


def test_the_next_meeting_of_a_group(session: Session) -> None:
    group = session.network.save_supporter(Supporter("Thursday group", Kind.GROUP,
                                                     meetings=[THURSDAY]))
    found = _service(session).next_meeting_of(group, FIXED_NOW)
    assert found is not None
    assert found.start == datetime(2026, 11, 26, 19, tzinfo=UTC)
    assert found.words(FIXED_NOW, UTC) == "Next meeting: Thursday 19:00"
    assert _service(session).next_meeting_of(replace(group, meetings=[]), FIXED_NOW) is None


def test_coming_meetings_for_two_weeks_soonest_first(session: Session) -> None:
    session.network.save_supporter(Supporter("Thursday group", Kind.GROUP,
                                             meetings=[THURSDAY]))
    session.network.save_supporter(Supporter("Walk", Kind.GROUP, meetings=[
        Meeting(0, time(18), ordinals=(2,), timezone="UTC")]))  # second Monday
    found = _service(session).coming_meetings(FIXED_NOW)
    assert [(c.supporter.name, c.start.date()) for c in found] == [
        ("Thursday group", date(2026, 11, 26)), ("Thursday group", date(2026, 12, 3))]
    longer = _service(session).coming_meetings(FIXED_NOW, timedelta(days=40))
    assert ("Walk", date(2026, 12, 14)) in [(c.supporter.name, c.start.date()) for c in longer]


def test_coming_dates_of_everyone_and_ones_own(session: Session) -> None:
    sam = session.network.save_supporter(Supporter("Sam", Kind.FRIEND, dates=[BIRTHDAY]))
    app = Application(session)
    app.set_own_dates([HARD])
    found = _service(session).coming_dates(date(2026, 11, 24), days=7)
    assert [(c.name, c.on) for c in found] == [("", date(2026, 11, 25)),
                                               ("Sam", date(2026, 11, 29))]
    today = date(2026, 11, 24)
    assert [c.words(today) for c in found] == [
        "A hard day (Losing Gran), tomorrow", "Sam's birthday, in 5 days (36)"]
    assert _service(session).coming_dates(date(2026, 11, 24), days=3)[0].item == HARD
    assert [c.on for c in _service(session).dates_of(sam, today)] == [date(2026, 11, 29)]


def test_own_dates_are_checked_and_give_back_what_was_there(session: Session) -> None:
    app = Application(session)
    assert app.set_own_dates([HARD]) == []
    assert app.set_own_dates([BIRTHDAY]) == [HARD]
    with pytest.raises(ValidationError):
        app.set_own_dates([ImportantDate(DateKind.BIRTHDAY, 2, 30)])
    assert app.occasions.own_dates() == [BIRTHDAY]


def test_a_meeting_that_cannot_be_is_refused(session: Session) -> None:
    with pytest.raises(ValidationError) as raised:
        session.network.save_supporter(Supporter("G", Kind.GROUP, meetings=[
            Meeting(3, time(19), ordinals=(6,))]))
    assert raised.value.field == "meetings.0"
    with pytest.raises(ValidationError):
        session.network.save_supporter(Supporter("G", Kind.GROUP, meetings=[
            Meeting(3, time(19), timezone="Mars/Olympus")]))


def test_company_on_a_hard_day_is_the_closest_who_can_be_reached(session: Session) -> None:
    session.network.save_supporter(Supporter("Outer", Kind.FRIEND, ring=Ring.OUTER,
                                             availability=[AvailabilityWindow.always()]))
    session.network.save_supporter(Supporter("Inner", Kind.FRIEND, ring=Ring.INNER))
    session.network.save_supporter(Supporter("Group", Kind.GROUP, ring=Ring.INNER))
    names = [s.name for s in _service(session).company_for(FIXED_NOW)]
    assert names == ["Outer", "Inner"]
