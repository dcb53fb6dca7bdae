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

# Everyone: one sequential pass over the table. The (at, ...) index would serve the date
# range, but none holds the moods, and looking each row up from it jumps about the file
# wherever check-ins were not written in time order (an import, an edited date): at
# 200,000 check-ins the index read took twice as long as reading the table through.
_EVERYONE = ("SELECT supporter_id + 0 AS sid, mood_after - mood_before AS change, COUNT(*) "
             "FROM check_in NOT INDEXED "
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
