"""Meetings and dates that matter are kept with their supporter, and one's own dates alone."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import Kind
from supportdesk.core.meetings import LAST, Meeting
from supportdesk.core.model import Supporter
from supportdesk.services.session import Session
from supportdesk.store import change_counts, database, meeting_rows, migrations
from supportdesk.store.database import run_sql
from tests.conftest import FIXED_NOW

MEETING = Meeting(1, time(18, 30), ordinals=(1, 3), timezone="Europe/London",
                  minutes=120, place="https://meet.example/abc",
                  skipped=(date(2026, 12, 15),), remind_minutes=60)
LAST_FRIDAY = Meeting(4, time(10), ordinals=(LAST,))
BIRTHDAY = ImportantDate(DateKind.BIRTHDAY, 2, 29, year=1990, remind_days=3)
HARD = ImportantDate(DateKind.HARD, 11, 2, label="Losing Gran", ask_company=True)


def test_a_supporters_meetings_and_dates_come_back_as_saved(session: Session) -> None:
    saved = session.network.save_supporter(Supporter(
        "Thursday group", Kind.GROUP, meetings=[MEETING, LAST_FRIDAY], dates=[BIRTHDAY, HARD]))
    assert saved.meetings == [MEETING, LAST_FRIDAY]
    assert saved.dates == [BIRTHDAY, HARD]
    assert saved.id is not None
    heads = {s.id: s for s in session.repo.supporter_heads()}
    assert heads[saved.id].meetings == [MEETING, LAST_FRIDAY]
    changed = session.network.save_supporter(
        Supporter(**{**saved.__dict__, "meetings": [LAST_FRIDAY], "dates": []}))
    assert changed.meetings == [LAST_FRIDAY] and changed.dates == []
    assert session.network.supporter(saved.id).meetings == [LAST_FRIDAY]


def test_a_delete_takes_them_and_its_undo_brings_them_back(session: Session) -> None:
    saved = session.network.save_supporter(Supporter(
        "Sam", Kind.FRIEND, meetings=[MEETING], dates=[BIRTHDAY]))
    assert saved.id is not None
    snapshot = session.network.delete_supporter(saved.id)
    assert run_sql(session.db, "SELECT count(*) FROM meeting").fetchone()[0] == 0
    restored = session.network.restore_supporter(snapshot)
    assert restored.meetings == [MEETING] and restored.dates == [BIRTHDAY]


def test_own_dates_belong_to_no_one(session: Session) -> None:
    with session.db.atomic():
        meeting_rows.replace_own_dates([HARD, BIRTHDAY])
    assert meeting_rows.own_dates() == [HARD, BIRTHDAY]
    session.network.save_supporter(Supporter("Sam", Kind.FRIEND, dates=[BIRTHDAY]))
    with session.db.atomic():
        meeting_rows.replace_own_dates([BIRTHDAY])
    assert meeting_rows.own_dates() == [BIRTHDAY]
    assert run_sql(session.db, "SELECT count(*) FROM important_date").fetchone()[0] == 2


@pytest.mark.parametrize("table", ["meeting", "important_date"])
def test_writes_count_as_people(session: Session, table: str) -> None:
    before = session.repo.change_counts()["people"]
    session.network.save_supporter(Supporter("Sam", Kind.GROUP, meetings=[MEETING],
                                             dates=[BIRTHDAY]))
    after_save = session.repo.change_counts()["people"]
    run_sql(session.db, f"DELETE FROM {table}")
    assert session.repo.change_counts()["people"] > after_save > before


def test_an_older_vault_gains_both_tables_and_keeps_its_people(
        tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "old.db"
    step = migrations.MIGRATIONS.index(migrations._meetings_and_dates_v6)
    db = database.connect(path, db_key)
    migrations.migrate(db, migrations.MIGRATIONS[:step])
    assert "meeting" not in db.get_tables() and "important_date" not in db.get_tables()
    database.run_sql(db, "INSERT INTO supporter (name, kind, role, ring, tie, stressful, "
                         "direction, timezone, meeting_schedule, meeting_place, "
                         "boundaries_mine, boundaries_theirs, help_warning_signs, "
                         "help_what_helps, help_what_does_not, help_in_a_crisis, notes, "
                         "paused, created) VALUES ('Robin', 'group', '', 'inner', 'normal', "
                         "0, 'mutual', '', 'Thursdays', '', '', '', '', '', '', '', '', 0, "
                         "'2026-01-01 00:00:00')")
    db.close()

    db = database.connect(path, db_key)
    try:
        assert migrations.upgrade(db) == migrations.SCHEMA_VERSION
        session = Session(db, clock=lambda: FIXED_NOW)
        robin = session.repo.supporters()[0]
        assert (robin.name, robin.meetings, robin.dates) == ("Robin", [], [])
        before = change_counts.read(db)
        session.network.save_supporter(Supporter(**{**robin.__dict__, "meetings": [MEETING]}))
        assert change_counts.changed_topics(before, change_counts.read(db)) == {"people"}
    finally:
        db.close()
