"""Mood entries in the vault: saved, read newest first, put back, counted as "checkins"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.errors import NotFoundError
from supportdesk.core.mood import MoodEntry
from supportdesk.services.session import Session
from supportdesk.store import change_counts, database, migrations
from supportdesk.store.insights_queries import InsightsQueries
from tests.conftest import FIXED_NOW


def test_an_empty_vault_has_no_mood_entries(session: Session) -> None:
    assert session.repo.mood_entries() == []
    assert InsightsQueries().recent_lone_moods(FIXED_NOW - timedelta(days=30)) == []


def test_one_entry_comes_back_as_it_was_saved_in_utc(session: Session) -> None:
    local = datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("Pacific/Auckland"))
    saved = session.repo.save_mood_entry(MoodEntry(at=local, mood=2, feelings=("tired", "low"),
                                                   note="Long day"))
    assert saved.id is not None
    (back,) = session.repo.mood_entries()
    assert back == MoodEntry(at=local.astimezone(UTC), mood=2, feelings=("tired", "low"),
                             note="Long day", id=saved.id)
    assert back.at == local  # the same instant


def test_entries_are_newest_first_and_recent_ones_oldest_first(session: Session) -> None:
    for hours, mood in ((30, 1), (2, 4), (800, 5)):
        session.repo.save_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(hours=hours), mood=mood))
    assert [e.mood for e in session.repo.mood_entries()] == [4, 1, 5]
    assert [e.mood for e in session.repo.mood_entries(limit=1)] == [4]
    recent = InsightsQueries().recent_lone_moods(FIXED_NOW - timedelta(days=30))
    assert [m for _, m in recent] == [1, 4]  # the one 33 days ago is outside


def test_a_deleted_entry_is_put_back_with_its_id(session: Session) -> None:
    saved = session.repo.save_mood_entry(MoodEntry(at=FIXED_NOW, mood=3))
    assert saved.id is not None
    gone = session.repo.delete_mood_entry(saved.id)
    assert session.repo.mood_entries() == []
    with pytest.raises(NotFoundError):
        session.repo.mood_entry(saved.id)
    session.repo.save_mood_entry(gone)
    assert session.repo.mood_entries() == [saved]


def test_every_write_moves_the_checkins_count(session: Session) -> None:
    before = change_counts.read(session.db)
    saved = session.repo.save_mood_entry(MoodEntry(at=FIXED_NOW, mood=3))
    after_add = change_counts.read(session.db)
    assert change_counts.changed_topics(before, after_add) == {"checkins"}
    assert saved.id is not None
    session.repo.delete_mood_entry(saved.id)
    assert change_counts.changed_topics(after_add, change_counts.read(session.db)) \
        == {"checkins"}


def test_the_database_refuses_a_mood_off_the_scale(session: Session) -> None:
    with pytest.raises(Exception, match="CHECK"):
        database.run_sql(session.db, "INSERT INTO mood_entry (at, mood) VALUES (?, 9)",
                         ["2026-11-24 10:00:00"])


def test_a_version_3_vault_gains_mood_entries_and_keeps_its_data(
        tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "old.db"
    db = database.connect(path, db_key)
    migrations.migrate(db, migrations.MIGRATIONS[:3])
    assert migrations.schema_version(db) == 3
    assert "mood_entry" not in db.get_tables()
    database.run_sql(db, "INSERT INTO supporter (name, kind, role, ring, tie, stressful, "
                         "direction, timezone, meeting_schedule, meeting_place, "
                         "boundaries_mine, boundaries_theirs, help_warning_signs, "
                         "help_what_helps, help_what_does_not, help_in_a_crisis, notes, "
                         "paused, created) VALUES ('Robin', 'friend', '', 'inner', 'normal', "
                         "0, 'mutual', '', '', '', '', '', '', '', '', '', '', 0, "
                         "'2026-01-01 00:00:00')")
    db.close()

    db = database.connect(path, db_key)
    try:
        assert migrations.needs_migration(db)
        assert migrations.upgrade(db) == migrations.SCHEMA_VERSION
        session = Session(db, clock=lambda: FIXED_NOW)
        assert [s.name for s in session.repo.supporters()] == ["Robin"]
        before = change_counts.read(db)
        session.repo.save_mood_entry(MoodEntry(at=FIXED_NOW, mood=4, feelings=("hopeful",)))
        assert change_counts.changed_topics(before, change_counts.read(db)) == {"checkins"}
        assert [e.words for e in session.repo.mood_entries()] == ["Good · hopeful"]
    finally:
        db.close()
