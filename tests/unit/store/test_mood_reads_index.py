"""The mood reads by time come from one index that holds the moods: the year's grid and
what your people do for your mood never read the check-in table's own pages."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.mood_year import year_days
from supportdesk.services.session import Session
from supportdesk.store import mood_effect_queries, mood_rows
from supportdesk.store.database import run_sql

INDEX = "check_in_at_supporter_id_mood_before_mood_after"


def _plan(session: Session, sql: str, params: list[object]) -> str:
    rows = run_sql(session.db, "EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " ".join(str(row[-1]) for row in rows)


def test_what_people_do_for_your_mood_reads_the_index_alone(session: Session) -> None:
    plan = _plan(session, mood_effect_queries._EVERYONE, ["2026-01-01 00:00:00"])
    assert f"COVERING INDEX {INDEX}" in plan
    assert "SCAN check_in" not in plan.replace(f"SCAN check_in USING COVERING INDEX {INDEX}", "")


def test_the_years_moods_read_the_index_alone(session: Session,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, list[object]]] = []
    original = mood_rows.run_sql

    def noting(db: object, sql: str, params: list[object] | None = None) -> object:
        asked.append((sql, list(params or [])))
        return original(db, sql, params)  # type: ignore[arg-type]

    monkeypatch.setattr(mood_rows, "run_sql", noting)
    mood_rows.mood_by_day(session.db, year_days(2025, ZoneInfo("Europe/London")))
    sql, params = asked[-1]
    plan = _plan(session, sql, params)
    # Each day's stretch of time is looked up in the indexes that hold the moods by time:
    # nothing is sorted or grouped, and no table's own pages are read.
    assert f"SEARCH check_in USING COVERING INDEX {INDEX} (at>? AND at<?)" in plan
    assert "SEARCH mood_entry USING INDEX mood_entry_at_id (at>? AND at<?)" in plan
    assert "TEMP B-TREE" not in plan
