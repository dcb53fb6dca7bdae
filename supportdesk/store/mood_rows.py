"""Moods by the person's local day, one day's moods, and what imports compare and undo.

``mood_by_day`` is the year grid's one query: every mood noted on its own and every
check-in's mood (after, or before when only that was noted), added up per local day.
Times are stored as naive UTC text; each local day is the stretch of UTC time it
covers, worked out in Python (``core.mood_year.year_days``, right on the days the
clocks change), so ten years of check-ins never come out of the database one by one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

import peewee as pw

from supportdesk.core.model import CheckIn
from supportdesk.core.mood import MoodEntry
from supportdesk.store import convert
from supportdesk.store.database import run_sql
from supportdesk.store.models import CheckInRow, MoodEntryRow

DELETE_CHUNK = 500  # ids per DELETE: well under SQLite's limit of bound values


def _stored(moment: datetime) -> str:
    """An aware moment as the store writes it (naive UTC, ISO with a space)."""
    naive = convert.to_db_time(moment)
    assert naive is not None
    return naive.isoformat(" ")


_INDEX = "check_in_at_supporter_id_mood_before_mood_after"
# One row per local day, from a JSON list of [day, first moment, next day's first moment]:
# each day's stretch is looked up in the two indexes that hold the moods by time, so
# nothing is sorted or grouped and no table's own pages are read (a GROUP BY on each
# moment's local date sorted every mood of the year first: four times slower).
_BY_DAY = f"""
WITH days(day, low, high) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?))
SELECT day,
  (SELECT coalesce(sum(mood), 0) FROM mood_entry WHERE at >= low AND at < high)
  + (SELECT coalesce(sum(coalesce(mood_after, mood_before)), 0)
     FROM check_in INDEXED BY {_INDEX} WHERE at >= low AND at < high),
  (SELECT count(*) FROM mood_entry WHERE at >= low AND at < high)
  + (SELECT count(coalesce(mood_after, mood_before))
     FROM check_in INDEXED BY {_INDEX} WHERE at >= low AND at < high)
FROM days"""


def mood_by_day(db: pw.Database, days: Sequence[tuple[date, datetime, datetime]]
                ) -> list[tuple[date, int, int]]:
    """(local day, moods added up, how many) for every day with a mood, of ``days``:
    each a day with its first moment and the next day's (``core.mood_year.year_days``)."""
    spans = json.dumps([(day.isoformat(), _stored(start), _stored(end))
                        for day, start, end in days])
    return [(date.fromisoformat(day), int(total), int(count))
            for day, total, count in run_sql(db, _BY_DAY, [spans]).fetchall() if count]


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
