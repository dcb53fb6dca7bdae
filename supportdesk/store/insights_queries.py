"""Aggregate reads for the Today dashboard, done in SQL so they stay fast at scale.

Each method is one query, whatever the number of supporters or check-ins.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import peewee as pw

from supportdesk.core.insights import SupportCount, mood_of
from supportdesk.store import convert
from supportdesk.store.database import run_sql
from supportdesk.store.models import CheckInRow, GratitudeRow, MoodEntryRow, database_proxy


class InsightsQueries:
    """Read-only aggregates over the bound vault."""

    def support_counts(self, since: datetime) -> list[SupportCount]:
        """Per supporter: check-ins since ``since`` and how many carried support each way."""
        gave = pw.fn.SUM(pw.Case(None, [(CheckInRow.support_given != "", 1)], 0))
        received = pw.fn.SUM(pw.Case(None, [(CheckInRow.support_received != "", 1)], 0))
        # Grouping by "supporter + 0" keeps the planner on the covering (at, …) index;
        # grouping by the bare column tempts it to skip-scan (supporter, at) instead,
        # reading every check-in ever made (60 ms rather than 7 ms at 200,000).
        supporter = (CheckInRow.supporter + 0).alias("sid")
        query = (
            CheckInRow.select(supporter, pw.fn.COUNT(pw.SQL("*")), gave, received)
            .where(CheckInRow.at >= convert.to_db_time(since))
            .group_by(pw.SQL("sid"))
            .tuples()
        )
        return [SupportCount(int(sid), int(n), int(g or 0), int(r or 0))
                for sid, n, g, r in _rows(query)]

    def recent_moods(self, since: datetime, limit: int = 60) -> list[tuple[datetime, int]]:
        """(when, mood) for the latest check-ins with a mood since ``since``, oldest first."""
        query = (
            CheckInRow.select(CheckInRow.at, CheckInRow.mood_before, CheckInRow.mood_after)
            .where((CheckInRow.at >= convert.to_db_time(since))
                   & (CheckInRow.mood_before.is_null(False)
                      | CheckInRow.mood_after.is_null(False)))
            .order_by(CheckInRow.at.desc())
            .limit(limit)
            .tuples()
        )
        moods = []
        for at, before, after in _rows(query):
            mood, moment = mood_of(before, after), convert.from_db_time(at)
            if mood is not None and moment is not None:
                moods.append((moment, int(mood)))
        moods.reverse()
        return moods

    def recent_lone_moods(self, since: datetime, limit: int = 60) -> list[tuple[datetime, int]]:
        """(when, mood) for the latest moods noted on their own since ``since``, oldest
        first (one range read of the (at, id) index)."""
        query = (
            MoodEntryRow.select(MoodEntryRow.at, MoodEntryRow.mood)
            .where(MoodEntryRow.at >= convert.to_db_time(since))
            .order_by(MoodEntryRow.at.desc())
            .limit(limit)
            .tuples()
        )
        moods = []
        for at, mood in _rows(query):
            moment = convert.from_db_time(at)
            if moment is not None:
                moods.append((moment, int(mood)))
        moods.reverse()
        return moods

    def last_thanked(self) -> dict[int, date]:
        """Per supporter, the latest gratitude entry marked "thanked them"."""
        query = (
            GratitudeRow.select(GratitudeRow.supporter, pw.fn.MAX(GratitudeRow.on))
            .where(GratitudeRow.thanked & GratitudeRow.supporter.is_null(False))
            .group_by(GratitudeRow.supporter)
            .tuples()
        )
        return {int(sid): on if isinstance(on, date) else date.fromisoformat(str(on))
                for sid, on in _rows(query)}


def _rows(query: pw.Select) -> list[tuple[Any, ...]]:
    """A ``.tuples()`` query's rows as SQLite gives them (no per-value conversion by
    peewee, which costs more than these aggregates do; times are parsed here)."""
    sql, params = query.sql()
    rows: list[tuple[Any, ...]] = run_sql(database_proxy, sql, params).fetchall()
    return rows
