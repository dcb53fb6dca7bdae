"""How mood changed across check-ins, per person, in one aggregate pass (issue 16).

For every check-in since a moment that carries both a mood before and a mood after, the
change (after minus before) counted per person: a histogram of at most nine values a
person, from which ``core.mood_effect`` takes the median.
"""

from __future__ import annotations

from datetime import datetime

from supportdesk.store import convert
from supportdesk.store.database import run_sql
from supportdesk.store.models import database_proxy

Histograms = dict[int, dict[int, int]]  # supporter id -> change -> how many check-ins

# Everyone: the moods by time, from the index that holds them (_mood_reads_v8): the table's
# pages are never read, however the check-ins lie in the file.
_EVERYONE = ("SELECT supporter_id AS sid, mood_after - mood_before AS change, COUNT(*) "
             "FROM check_in INDEXED BY check_in_at_supporter_id_mood_before_mood_after "
             "WHERE at >= ? AND mood_before IS NOT NULL AND mood_after IS NOT NULL "
             "GROUP BY sid, change")
# One person: their own check-ins, through the (supporter, at) index.
_ONE = ("SELECT supporter_id, mood_after - mood_before AS change, COUNT(*) FROM check_in "
        "WHERE supporter_id = ? AND at >= ? "
        "AND mood_before IS NOT NULL AND mood_after IS NOT NULL GROUP BY change")


def mood_changes(since: datetime, supporter_id: int | None = None) -> Histograms:
    """Per person (or for ``supporter_id`` only), the changes since ``since``."""
    start = str(convert.to_db_time(since))  # as peewee writes it: "YYYY-MM-DD HH:MM:SS"
    rows = (run_sql(database_proxy, _EVERYONE, [start]) if supporter_id is None
            else run_sql(database_proxy, _ONE, [supporter_id, start])).fetchall()
    found: Histograms = {}
    for sid, change, count in rows:
        found.setdefault(int(sid), {})[int(change)] = int(count)
    return found
