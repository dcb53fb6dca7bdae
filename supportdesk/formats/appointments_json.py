"""Appointments and asks in the SupportDesk export (version 3), and ``--json`` records.

Both name their person by the file's number (``person``), as check-ins do. An
appointment is a moment with its UTC offset; its reminder is whole minutes before
(``null``: none). An ask is one line on a person's list: ``kind`` "next_time" (to ask
them about next time) or "question" (to bring to the next appointment).
"""

from __future__ import annotations

from datetime import timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from supportdesk.core.appointments import MAX_REMIND_BEFORE, Appointment, Ask, AskKind

if TYPE_CHECKING:
    from supportdesk.formats.supportdesk_json import _Fields


def _moment(moment: Any, tz: tzinfo) -> str:
    return str(moment.astimezone(tz).isoformat()) if moment is not None else ""


def appointment_json(a: Appointment, tz: tzinfo) -> dict[str, Any]:
    minutes = (int(a.remind_before.total_seconds() // 60)
               if a.remind_before is not None else None)
    return {"person": a.supporter_id, "at": _moment(a.at, tz), "place": a.place,
            "remind_minutes_before": minutes, "note": a.note}


def ask_json(item: Ask, tz: tzinfo) -> dict[str, Any]:
    return {"person": item.supporter_id, "kind": item.kind.value, "text": item.text,
            "created": _moment(item.created, tz) or None, "done": item.done}


def read_appointment(f: _Fields) -> Appointment:
    from supportdesk.formats.supportdesk_json import _wrong

    at = f.moment("at", required=True)
    assert at is not None
    minutes = f.number("remind_minutes_before")
    if minutes is not None and not 0 < minutes <= MAX_REMIND_BEFORE.total_seconds() // 60:
        raise _wrong(f.at("remind_minutes_before"), "should be from 1 minute to two weeks")
    return Appointment(supporter_id=f.number("person", required=True) or 0, at=at,
                       place=f.text("place"),
                       remind_before=timedelta(minutes=minutes) if minutes else None,
                       note=f.text("note"))


def read_ask(f: _Fields) -> Ask:
    return Ask(supporter_id=f.number("person", required=True) or 0,
               text=f.text("text", required=True),
               kind=f.choice("kind", AskKind, AskKind.NEXT_TIME),
               created=f.moment("created"), done=f.flag("done"))
