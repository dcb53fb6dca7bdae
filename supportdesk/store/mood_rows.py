"""Moods by the person's local day, one day's moods, and what imports compare and undo.

``mood_by_day`` is the year grid's one aggregate: every mood noted on its own and every
check-in's mood (after, or before when only that was noted) between two moments, added
up per local day. Times are stored as naive UTC text; each is moved to local time by
the offset of the span it falls in (``core.mood_year.offset_spans``), inside SQLite,
so ten years of check-ins never come out of the database one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import pairwise

import peewee as pw

from supportdesk.core.model import CheckIn
from supportdesk.core.mood import MoodEntry
from supportdesk.core.mood_year import OffsetSpan
from supportdesk.store import convert
from supportdesk.store.database import run_sql
from supportdesk.store.models import CheckInRow, MoodEntryRow

DELETE_CHUNK = 500  # ids per DELETE: well under SQLite's limit of bound values


def _stored(moment: datetime) -> str:
    """An aware moment as the store writes it (naive UTC, ISO with a space)."""
    naive = convert.to_db_time(moment)
    assert naive is not None
    return naive.isoformat(" ")


def _local_day_sql(spans: Sequence[OffsetSpan]) -> tuple[str, list[object]]:
    """``date(at moved to local time)``: the offset of the span ``at`` is in. Fractions of
    a second are cut first (SQLite would round 23:59:59.9996 up into the next day)."""
    def shift(span: OffsetSpan) -> str:
        return f"{span.seconds:+d} seconds"

    if len(spans) == 1:
        return "date(substr(at, 1, 19), ?)", [shift(spans[0])]
    params: list[object] = []
    for span, later in pairwise(spans):
        params += [later.start.isoformat(" "), shift(span)]
    cases = " ".join("WHEN at < ? THEN ?" for _ in spans[1:])
    return (f"date(substr(at, 1, 19), CASE {cases} ELSE ? END)", [*params, shift(spans[-1])])


def mood_by_day(db: pw.Database, start: datetime, end: datetime,
                spans: Sequence[OffsetSpan]) -> list[tuple[date, int, int]]:
    """(local day, moods added up, how many) for every day in [start, end) with a mood."""
    day_sql, day_params = _local_day_sql(spans)
    low, high = _stored(start), _stored(end)
    query = (
        f"SELECT {day_sql} AS day, sum(mood), count(*) FROM ("
        " SELECT at, mood FROM mood_entry WHERE at >= ? AND at < ?"
        " UNION ALL"
        " SELECT at, coalesce(mood_after, mood_before) AS mood FROM check_in"
        # The year's moods from the index that holds them by time: the table is not read.
        " INDEXED BY check_in_at_supporter_id_mood_before_mood_after"
        " WHERE at >= ? AND at < ?"
        " AND coalesce(mood_after, mood_before) IS NOT NULL"
        ") GROUP BY day")
    cursor = run_sql(db, query, [*day_params, low, high, low, high])
    return [(date.fromisoformat(day), int(total), int(count))
            for day, total, count in cursor.fetchall()]


def moods_between(start: datetime, end: datetime) -> tuple[list[MoodEntry], list[CheckIn]]:
    """The moods noted on their own and the check-ins with a mood in [start, end),
    oldest first (one day's worth, for the grid's "what I noted that day")."""
    low, high = convert.to_db_time(start), convert.to_db_time(end)
    entries = (MoodEntryRow.select()
               .where((MoodEntryRow.at >= low) & (MoodEntryRow.at < high))
               .order_by(MoodEntryRow.at, MoodEntryRow.id))
    checkins = (CheckInRow.select()
                .where((CheckInRow.at >= low) & (CheckInRow.at < high)
                       & (CheckInRow.mood_after.is_null(False)
                          | CheckInRow.mood_before.is_null(False)))
                .order_by(CheckInRow.at, CheckInRow.id))
    return ([convert.mood_entry_from_row(row) for row in entries],
            [convert.checkin_from_row(row) for row in checkins])


def mood_keys(db: pw.Database) -> set[tuple[datetime, int, str]]:
    """(moment in UTC, mood, note) of every mood noted on its own: what an import
    compares with, so the same file brought in twice adds nothing the second time."""
    keys = set()
    for at, mood, note in run_sql(db, "SELECT at, mood, note FROM mood_entry").fetchall():
        moment = convert.from_db_time(at)
        assert moment is not None
        keys.add((moment, int(mood), str(note)))
    return keys


def delete_mood_entries(db: pw.Database, entry_ids: Sequence[int]) -> None:
    with db.atomic():
        for start in range(0, len(entry_ids), DELETE_CHUNK):
            chunk = list(entry_ids[start:start + DELETE_CHUNK])
            MoodEntryRow.delete().where(MoodEntryRow.id.in_(chunk)).execute()
