"""Check-ins read a page at a time: newest first, no gaps or repeats, filtered in SQL."""

from __future__ import annotations

from datetime import timedelta

from supportdesk.core.kinds import Kind, Mode
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.session import Session
from supportdesk.store.database import run_sql
from tests.conftest import FIXED_NOW


def _person(session: Session, name: str) -> int:
    return session.repo.add_supporter(Supporter(name, Kind.FRIEND)).id or 0


def _all_pages(session: Session, size: int, **filters: object) -> list[CheckIn]:
    seen: list[CheckIn] = []
    while True:
        page = session.network.checkins_page(after=seen[-1] if seen else None, limit=size,
                                             **filters)  # type: ignore[arg-type]
        seen += page
        if len(page) < size:
            return seen


def test_pages_run_newest_first_with_no_gaps_or_repeats_even_at_the_same_moment(
        session: Session) -> None:
    ana = _person(session, "Ana")
    for number in range(11):  # three at each moment: ties are ordered by id
        at = FIXED_NOW - timedelta(hours=number // 3)
        session.repo.add_checkin(CheckIn(ana, at, Mode.TEXT, note=f"n{number}"))
    everything = session.network.checkins()
    for size in (1, 2, 3, 4, 20):
        assert [c.id for c in _all_pages(session, size)] == [c.id for c in everything]


def test_filters_by_person_way_and_every_word_ignoring_case(session: Session) -> None:
    zoe, ben = _person(session, "Zoë Adeyemi"), _person(session, "Ben")
    log = session.repo.add_checkin
    log(CheckIn(zoe, FIXED_NOW - timedelta(days=1), Mode.CALL, note="Tea at the café"))
    log(CheckIn(ben, FIXED_NOW - timedelta(days=2), Mode.CALL, note="Walk by the STRASSE"))
    log(CheckIn(ben, FIXED_NOW - timedelta(days=3), Mode.TEXT, note="tea"))
    notes = lambda **f: [c.note for c in _all_pages(session, 2, **f)]  # noqa: E731
    assert notes(supporter_id=ben) == ["Walk by the STRASSE", "tea"]
    assert notes(mode=Mode.TEXT) == ["tea"]
    assert notes(words=("TEA",)) == ["Tea at the café", "tea"]
    assert notes(words=("CAFÉ",)) == ["Tea at the café"]  # beyond ASCII, casefolded
    assert notes(words=("straße",)) == ["Walk by the STRASSE"]  # ß casefolds to ss
    assert notes(words=("zoë", "tea")) == ["Tea at the café"]  # the name, and the note
    assert notes(words=("ben", "café")) == []
    assert notes(supporter_id=ben, mode=Mode.CALL, words=("walk",)) == ["Walk by the STRASSE"]


def test_the_first_page_walks_the_index_and_stops_early(session: Session) -> None:
    statements: list[str] = []
    connection = session.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        session.network.checkins_page()
    finally:
        connection.set_trace_callback(None)
    plan = " ".join(str(row[-1]) for row in run_sql(
        session.db, "EXPLAIN QUERY PLAN " + statements[-1]).fetchall())
    assert "check_in_at_id_supporter_id" in plan and "TEMP B-TREE" not in plan
