"""Rows <-> core types for meetings and dates that matter (tables meeting, important_date).

A supporter's meetings and dates are read for everyone in one query (both tables
together, each row as a JSON array), so a list of people costs one more query, not two.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, time

import peewee as pw

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.meetings import Meeting
from supportdesk.store.database import run_sql
from supportdesk.store.models import ImportantDateRow

# A supporter's meeting rows and date rows as read: JSON text, compared as it is.
Occasions = tuple[tuple[str, ...], tuple[str, ...]]
NONE: Occasions = ((), ())

_MEETING_COLUMNS = ("weekday, ordinals, start_minute, timezone, minutes, place, skipped, "
                    "remind_minutes")
_DATE_COLUMNS = "kind, month, day, year, label, remind_days, ask_company"


def meeting_rows(meetings: Sequence[Meeting], supporter_id: int) -> list[dict[str, object]]:
    return [
        {"supporter": supporter_id, "weekday": m.weekday,
         "ordinals": ",".join(str(n) for n in m.ordinals),
         "start_minute": m.at.hour * 60 + m.at.minute, "timezone": m.timezone,
         "minutes": m.minutes, "place": m.place,
         "skipped": ",".join(d.isoformat() for d in m.skipped),
         "remind_minutes": m.remind_minutes, "position": i}
        for i, m in enumerate(meetings)
    ]


def date_rows(dates: Sequence[ImportantDate], supporter_id: int | None
              ) -> list[dict[str, object]]:
    return [
        {"supporter": supporter_id, "kind": d.kind.value, "month": d.month, "day": d.day,
         "year": d.year, "label": d.label, "remind_days": d.remind_days,
         "ask_company": d.ask_company, "position": i}
        for i, d in enumerate(dates)
    ]


def occasions_by_owner(db: pw.Database, ids: Sequence[object] | None
                       ) -> dict[object, Occasions]:
    """Each supporter's meetings and dates (of ``ids``, or everyone's), in their order."""
    where, params = "supporter_id IS NOT NULL", []
    if ids is not None:
        where = f"supporter_id IN ({', '.join('?' * len(ids))})"
        params = list(ids)
    sql = (f"SELECT supporter_id, 0, position, id, json_array({_MEETING_COLUMNS}) "
           f"FROM meeting WHERE {where} UNION ALL "
           f"SELECT supporter_id, 1, position, id, json_array({_DATE_COLUMNS}) "
           f"FROM important_date WHERE {where} ORDER BY 1, 2, 3, 4")
    grouped: dict[object, tuple[list[str], list[str]]] = {}
    for owner, table, _position, _id, values in run_sql(db, sql, params * 2).fetchall():
        grouped.setdefault(owner, ([], []))[table].append(str(values))
    return {owner: (tuple(m), tuple(d)) for owner, (m, d) in grouped.items()}


def parse(occasions: Occasions) -> tuple[list[Meeting], list[ImportantDate]]:
    meetings, dates = occasions
    return ([_meeting(*json.loads(text)) for text in meetings],
            [_date(*json.loads(text)) for text in dates])


def _meeting(weekday: int, ordinals: str, start_minute: int, timezone: str, minutes: int,
             place: str, skipped: str, remind_minutes: int | None) -> Meeting:
    return Meeting(
        weekday=int(weekday), at=time(start_minute // 60 % 24, start_minute % 60),
        ordinals=tuple(int(n) for n in ordinals.split(",") if n), timezone=timezone,
        minutes=int(minutes), place=place,
        skipped=tuple(date.fromisoformat(d) for d in skipped.split(",") if d),
        remind_minutes=remind_minutes)


def _date(kind: str, month: int, day: int, year: int | None, label: str,
          remind_days: int | None, ask_company: int) -> ImportantDate:
    return ImportantDate(kind=DateKind(kind), month=month, day=day, year=year, label=label,
                         remind_days=remind_days, ask_company=bool(ask_company))


def own_dates() -> list[ImportantDate]:
    """One's own dates that matter (those of no supporter), in their order."""
    query = (ImportantDateRow.select().where(ImportantDateRow.supporter.is_null())
             .order_by(ImportantDateRow.position, ImportantDateRow.id))
    return [_date(r.kind, r.month, r.day, r.year, r.label, r.remind_days, r.ask_company)
            for r in query]


def replace_own_dates(dates: Sequence[ImportantDate]) -> None:
    ImportantDateRow.delete().where(ImportantDateRow.supporter.is_null()).execute()
    rows = date_rows(dates, None)
    if rows:
        ImportantDateRow.insert_many(rows).execute()
