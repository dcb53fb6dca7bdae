"""Appointments and asks as core types, read and written through the bound database.

Kept apart from ``repository.py``: a few plain functions, one query per list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from supportdesk.core.appointments import Appointment, Ask, AskKind
from supportdesk.core.errors import NotFoundError
from supportdesk.store.convert import from_db_time, member, to_db_time
from supportdesk.store.models import AppointmentRow, AskRow


def _appointment(row: AppointmentRow) -> Appointment:
    at = from_db_time(row.at)
    assert at is not None
    minutes = row.remind_minutes
    return Appointment(supporter_id=int(row.supporter_id), at=at, place=str(row.place),
                       remind_before=timedelta(minutes=int(minutes))
                       if minutes is not None else None,
                       note=str(row.note), reminded=bool(row.reminded), id=int(row.id))


def _appointment_fields(a: Appointment) -> dict[str, object]:
    minutes = (int(a.remind_before.total_seconds() // 60)
               if a.remind_before is not None else None)
    return {"supporter": a.supporter_id, "at": to_db_time(a.at), "place": a.place,
            "remind_minutes": minutes, "note": a.note, "reminded": a.reminded}


def appointments(supporter_id: int | None = None) -> list[Appointment]:
    """Oldest first (with this person, if named)."""
    query = AppointmentRow.select().order_by(AppointmentRow.at, AppointmentRow.id)
    if supporter_id is not None:
        query = query.where(AppointmentRow.supporter == supporter_id)
    return [_appointment(row) for row in query]


def appointment(appointment_id: int) -> Appointment:
    row = AppointmentRow.get_or_none(AppointmentRow.id == appointment_id)
    if row is None:
        raise NotFoundError("That appointment is no longer there.")
    return _appointment(row)


def save_appointment(a: Appointment) -> Appointment:
    """Insert (``id`` None), put back with the id it had (undo), or update."""
    fields = _appointment_fields(a)
    if a.id is None:
        return replace(a, id=int(AppointmentRow.insert(**fields).execute()))
    if AppointmentRow.get_or_none(AppointmentRow.id == a.id) is None:
        AppointmentRow.insert(id=a.id, **fields).execute()
    else:
        AppointmentRow.update(**fields).where(AppointmentRow.id == a.id).execute()
    return a


def delete_appointment(appointment_id: int) -> Appointment:
    old = appointment(appointment_id)
    AppointmentRow.delete().where(AppointmentRow.id == appointment_id).execute()
    return old


def mark_reminded(appointment_ids: Sequence[int]) -> None:
    if appointment_ids:
        AppointmentRow.update(reminded=True).where(
            AppointmentRow.id.in_(list(appointment_ids))).execute()


def _ask(row: AskRow) -> Ask:
    return Ask(supporter_id=int(row.supporter_id), text=str(row.text),
               kind=member(AskKind, row.kind), created=from_db_time(row.created),
               done=bool(row.done), id=int(row.id))


def asks(supporter_id: int | None = None, kind: AskKind | None = None) -> list[Ask]:
    """Oldest first (with this person, of this kind, if named)."""
    query = AskRow.select().order_by(AskRow.created, AskRow.id)
    if supporter_id is not None:
        query = query.where(AskRow.supporter == supporter_id)
    if kind is not None:
        query = query.where(AskRow.kind == kind.value)
    return [_ask(row) for row in query]


def ask(ask_id: int) -> Ask:
    row = AskRow.get_or_none(AskRow.id == ask_id)
    if row is None:
        raise NotFoundError("That item is no longer on the list.")
    return _ask(row)


def save_ask(item: Ask) -> Ask:
    """Insert (``id`` None), put back with the id it had (undo), or update."""
    assert item.created is not None
    fields = {"supporter": item.supporter_id, "kind": item.kind.value, "text": item.text,
              "created": to_db_time(item.created), "done": item.done}
    if item.id is None:
        return replace(item, id=int(AskRow.insert(**fields).execute()))
    if AskRow.get_or_none(AskRow.id == item.id) is None:
        AskRow.insert(id=item.id, **fields).execute()
    else:
        AskRow.update(**fields).where(AskRow.id == item.id).execute()
    return item


def delete_ask(ask_id: int) -> Ask:
    old = ask(ask_id)
    AskRow.delete().where(AskRow.id == ask_id).execute()
    return old


def restore_for(supporter_id: int, kept_appointments: Sequence[Appointment],
                kept_asks: Sequence[Ask]) -> None:
    """Put back what a removed person had, under the id they came back with."""
    for a in kept_appointments:
        save_appointment(replace(a, supporter_id=supporter_id))
    for item in kept_asks:
        save_ask(replace(item, supporter_id=supporter_id))


def delete_many(appointment_ids: Sequence[int], ask_ids: Sequence[int]) -> None:
    """Take these out at once (undoing an import); ids already gone are passed over."""
    if appointment_ids:
        AppointmentRow.delete().where(AppointmentRow.id.in_(list(appointment_ids))).execute()
    if ask_ids:
        AskRow.delete().where(AskRow.id.in_(list(ask_ids))).execute()
