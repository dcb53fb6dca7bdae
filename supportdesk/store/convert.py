"""Mapping between peewee rows and core value types, and UTC handling."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from enum import Enum
from functools import cache
from types import SimpleNamespace
from typing import TypeVar

from supportdesk.core.kinds import (
    ContactType,
    Direction,
    Initiator,
    Kind,
    Mode,
    Ring,
    Role,
    SupportType,
    TieStrength,
)
from supportdesk.core.model import (
    AvailabilityWindow,
    Boundaries,
    Cadence,
    CheckIn,
    ContactMethod,
    HelpNotes,
    Supporter,
)
from supportdesk.core.mood import MoodEntry
from supportdesk.store.models import (
    AvailabilityRow,
    CheckInRow,
    ContactMethodRow,
    MoodEntryRow,
    SupporterRow,
)


def to_db_time(moment: datetime | None) -> datetime | None:
    """Aware -> naive UTC for storage."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_db_time(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)


E = TypeVar("E", bound=Enum)
# A supporter's row as read raw from SQLite (see Repository): plain values, no peewee.
RawRow = SimpleNamespace


def member(enum_type: type[E], value: object) -> E:
    """``enum_type(value)``, through the enum's own lookup table first (a hot path)."""
    found = enum_type._value2member_map_.get(value)
    return found if isinstance(found, enum_type) else enum_type(value)


def days_to_mask(days: frozenset[int]) -> int:
    return sum(1 << d for d in days)


@cache
def mask_to_days(mask: int) -> frozenset[int]:
    return frozenset(d for d in range(7) if mask & (1 << d))


def _minute(t: time) -> int:
    return t.hour * 60 + t.minute


@cache
def _time(minute: int) -> time:
    return time(minute // 60 % 24, minute % 60)


def supports_to_text(values: frozenset[SupportType]) -> str:
    return ",".join(sorted(v.value for v in values))


def text_to_supports(text: str) -> frozenset[SupportType]:
    return frozenset(SupportType(v) for v in text.split(",") if v)


def help_with_text(kinds: tuple[str, ...]) -> str:
    return json.dumps(list(kinds), ensure_ascii=False) if kinds else ""


@cache
def help_with_from_text(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        found = json.loads(text)
    except ValueError:
        return ()
    return tuple(k for k in found if isinstance(k, str)) if isinstance(found, list) else ()


def supporter_fields(s: Supporter) -> dict[str, object]:
    """Column values of a supporter row (not its id, created or last contact)."""
    return {
        "name": s.name,
        "kind": s.kind.value,
        "role": s.role.value,
        "ring": s.ring.value,
        "tie": s.tie.value,
        "stressful": s.stressful,
        "direction": s.direction.value,
        "timezone": s.timezone,
        "meeting_schedule": s.meeting_schedule,
        "meeting_place": s.meeting_place,
        "boundaries_mine": s.boundaries.mine,
        "boundaries_theirs": s.boundaries.theirs,
        "help_warning_signs": s.help.warning_signs,
        "help_what_helps": s.help.what_helps,
        "help_what_does_not": s.help.what_does_not,
        "help_in_a_crisis": s.help.in_a_crisis,
        "notes": s.notes,
        "cadence_days": s.cadence.every.total_seconds() / 86400 if s.cadence.every else None,
        "paused": s.cadence.paused,
        "snoozed_until": to_db_time(s.cadence.snoozed_until),
        "help_with": help_with_text(s.help_with),
    }


def contact_rows(s: Supporter, supporter_id: int) -> list[dict[str, object]]:
    return [
        {"supporter": supporter_id, "type": c.type.value, "value": c.value, "label": c.label,
         "preferred": c.preferred, "position": i}
        for i, c in enumerate(s.contacts)
    ]


def availability_rows(s: Supporter, supporter_id: int) -> list[dict[str, object]]:
    return [
        {"supporter": supporter_id, "days": days_to_mask(w.days),
         "start_minute": _minute(w.start), "end_minute": _minute(w.end)}
        for w in s.availability
    ]


def supporter_from_row(
    row: SupporterRow | RawRow,
    contacts: Sequence[ContactMethodRow | RawRow],
    windows: Sequence[AvailabilityRow | RawRow],
) -> Supporter:
    every = timedelta(days=row.cadence_days) if row.cadence_days else None
    return Supporter(
        id=row.id,
        name=row.name,
        kind=member(Kind, row.kind),
        role=member(Role, row.role),
        ring=member(Ring, row.ring),
        tie=member(TieStrength, row.tie),
        stressful=bool(row.stressful),
        direction=member(Direction, row.direction),
        contacts=[
            ContactMethod(member(ContactType, c.type), c.value, c.label, bool(c.preferred))
            for c in sorted(contacts, key=lambda c: c.position)
        ],
        availability=[
            AvailabilityWindow(mask_to_days(w.days), _time(w.start_minute), _time(w.end_minute))
            for w in windows
        ],
        timezone=row.timezone,
        meeting_schedule=row.meeting_schedule,
        meeting_place=row.meeting_place,
        boundaries=Boundaries(row.boundaries_mine, row.boundaries_theirs),
        help=HelpNotes(
            row.help_warning_signs, row.help_what_helps, row.help_what_does_not,
            row.help_in_a_crisis,
        ),
        notes=row.notes,
        cadence=Cadence(every, bool(row.paused), from_db_time(row.snoozed_until)),
        help_with=help_with_from_text(row.help_with),
        created=from_db_time(row.created),
        last_contact=from_db_time(row.last_contact),
    )


def checkin_fields(c: CheckIn) -> dict[str, object]:
    return {
        "supporter": c.supporter_id,
        "at": to_db_time(c.at),
        "mode": c.mode.value,
        "initiator": c.initiator.value,
        "mood_before": c.mood_before,
        "mood_after": c.mood_after,
        "support_given": supports_to_text(c.support_given),
        "support_received": supports_to_text(c.support_received),
        "note": c.note,
    }


def checkin_from_row(row: CheckInRow | RawRow) -> CheckIn:
    at = from_db_time(row.at)
    assert at is not None
    return CheckIn(
        id=row.id,
        supporter_id=row.supporter_id,
        at=at,
        mode=member(Mode, row.mode),
        initiator=member(Initiator, row.initiator),
        mood_before=row.mood_before,
        mood_after=row.mood_after,
        support_given=text_to_supports(row.support_given),
        support_received=text_to_supports(row.support_received),
        note=row.note,
    )


def mood_entry_fields(entry: MoodEntry) -> dict[str, object]:
    return {"at": to_db_time(entry.at), "mood": entry.mood,
            "feelings": ",".join(entry.feelings), "note": entry.note}


def mood_entry_from_row(row: MoodEntryRow) -> MoodEntry:
    at = from_db_time(row.at)
    assert at is not None
    feelings = tuple(f for f in str(row.feelings).split(",") if f)
    return MoodEntry(id=row.id, at=at, mood=int(row.mood), feelings=feelings,
                     note=str(row.note))
