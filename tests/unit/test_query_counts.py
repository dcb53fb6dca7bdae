"""The hot views ask the database a fixed number of questions, however big the network.

A query per row is what turns a quick list into a slow one after ten years of
check-ins, so each view is run on a small and a ten-times-bigger network and the
statements SQLite actually ran are counted (through the connection's trace hook).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, timedelta

import pytest

from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import AvailabilityWindow, CheckIn, ContactMethod, Supporter
from supportdesk.services.dashboard import DashboardService
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW


@contextmanager
def counted(session: Session, kinds: tuple[str, ...] = ("SELECT", "WITH")
            ) -> Iterator[list[str]]:
    """The statements of ``kinds`` SQLite ran meanwhile (stripped)."""
    statements: list[str] = []
    connection = session.db.connection()

    def trace(sql: str) -> None:
        statement = sql.lstrip()
        if statement.upper().startswith(kinds):
            statements.append(statement)

    connection.set_trace_callback(trace)
    try:
        yield statements
    finally:
        connection.set_trace_callback(None)


def _fill(session: Session, people: int) -> int:
    kinds = list(Kind)
    first_id = 0
    for n in range(people):
        saved = session.network.save_supporter(Supporter(
            f"Person {n}", kinds[n % len(kinds)], ring=list(Ring)[n % 3],
            contacts=[ContactMethod(ContactType.PHONE, f"+44 7700 9{n:05d}")],
            availability=[AvailabilityWindow.office_hours()]))
        assert saved.id is not None
        first_id = first_id or saved.id
        for days in range(3):
            session.network.log_checkin(CheckIn(
                saved.id, FIXED_NOW - timedelta(days=days * 9 + n % 7), mood_before=2 + days % 3,
                mood_after=3))
        session.network.add_gratitude(saved.id, "Thanks", on=date(2026, 11, 1))
    return first_id


def _people(session: Session, _first: int) -> object:
    return session.network.people()


def _today(session: Session, _first: int) -> object:
    return DashboardService(session, tz=UTC).today(FIXED_NOW)


def _person_page(session: Session, first: int) -> object:
    return (session.network.person(first), session.network.checkins(first),
            session.network.gratitude(first), session.network.reciprocity(first, 6))


VIEWS: dict[str, Callable[[Session, int], object]] = {
    "people list": _people, "Today dashboard": _today, "person page": _person_page}


@pytest.mark.parametrize("view", list(VIEWS))
def test_hot_view_uses_the_same_number_of_queries_for_5_and_50_people(
    session: Session, view: str
) -> None:
    counts = []
    first = _fill(session, 5)
    for extra in (0, 45):
        if extra:
            _fill(session, extra)
        with counted(session) as statements:
            VIEWS[view](session, first)
        counts.append(len(statements))
    small, big = counts
    assert small == big, f"{view}: {small} queries for 5 people, {big} for 50"
    assert small <= 15, f"{view} asks {small} questions; keep it to a handful"


def test_the_counter_sees_a_query_per_row_when_there_is_one(session: Session) -> None:
    first = _fill(session, 3)
    with counted(session) as statements:
        for supporter_id in range(first, first + 3):
            session.network.supporter(supporter_id)
    assert len(statements) >= 3
