"""The SupportDesk export format: a whole vault as one versioned JSON document.

``resources/supportdesk-export.schema.json`` documents it (JSON Schema, draft 2020-12).
People are numbered within the file (``id``); check-ins, gratitude and plan items name
their person by that number. Version 2 added ``moods`` (moods noted on their own): a
version-1 file has none and reads as before, and a SupportDesk that knows only version
1 refuses a version-2 file rather than drop its moods unseen. Version 3 added message
``templates``, the person's list of ``help_kinds``, each person's ``help_with``,
``meetings`` and ``dates``, one's own ``my_dates``, ``appointments`` and ``asks``
(formats/appointments_json.py), and ``on_lock_screen`` (true for the people shown on
the lock screen's crisis help), all optional. Moments are ISO 8601
with their UTC offset, days are ISO dates, times of day ``HH:MM``. Text is kept
exactly as it was typed: plain text, never markup.

``to_json(data, tz)`` writes it; ``read_json(raw)`` checks its shape field by field and
gives the data back, or raises ``ExportFileError`` saying where the file is wrong (a
path such as ``people[3].kind``, never what the field holds).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any, TypeVar

from supportdesk.core.appointments import Appointment, Ask
from supportdesk.core.dates import ImportantDate
from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import (
    Channel,
    ContactType,
    Direction,
    Initiator,
    Kind,
    Mode,
    PlanStep,
    Ring,
    Role,
    SupportType,
    TieStrength,
)
from supportdesk.core.messages import MessageTemplate
from supportdesk.core.model import (
    AvailabilityWindow,
    Boundaries,
    Cadence,
    CheckIn,
    ContactMethod,
    CrisisLine,
    Gratitude,
    HelpNotes,
    PlanItem,
    Supporter,
)
from supportdesk.core.mood import MoodEntry
from supportdesk.formats import occasions_json
from supportdesk.formats.appointments_json import (
    appointment_json,
    ask_json,
    read_appointment,
    read_ask,
)

FORMAT = "supportdesk-export"
VERSION = 3  # 2: "moods"; 3: a person's "meetings", "dates", "help_with", "appointments",
# "asks"; "my_dates", "templates" and "help_kinds"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Monday is 0
SettingValue = bool | int | str
MAX_EVERY_DAYS = 36_500  # what the file may say; the editor's own limit is checked later
E = TypeVar("E", bound=StrEnum)


class ExportFileError(KnownError):
    """The file is not a SupportDesk export this version can read."""


@dataclass
class ExportData:
    """Everything a full export holds. ``people`` carry their number in the file as
    ``id``; the ``supporter_id`` of check-ins, gratitude and plan items is that number."""

    exported_at: datetime
    people: list[Supporter] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    gratitude: list[Gratitude] = field(default_factory=list)
    moods: list[MoodEntry] = field(default_factory=list)  # noted on their own
    plan: list[PlanItem] = field(default_factory=list)
    crisis_lines: list[CrisisLine] = field(default_factory=list)
    settings: dict[str, SettingValue] = field(default_factory=dict)
    app_version: str = ""
    own_dates: list[ImportantDate] = field(default_factory=list)  # one's own ("my_dates")
    templates: list[MessageTemplate] = field(default_factory=list)
    help_kinds: list[str] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    asks: list[Ask] = field(default_factory=list)
    on_lock_screen: set[int] = field(default_factory=set)  # people shown while locked


# -- writing -------------------------------------------------------------------------


def moment_text(moment: datetime | None, tz: tzinfo) -> str:
    """ISO 8601 in ``tz``, with its offset; "" for none."""
    return moment.astimezone(tz).isoformat() if moment is not None else ""


def days_text(days: frozenset[int]) -> list[str]:
    return [DAY_NAMES[day] for day in sorted(days)]


def hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")


def every_days(every: timedelta | None) -> int | float | None:
    if every is None:
        return None
    days = every.total_seconds() / 86400
    return int(days) if days.is_integer() else days


def person_json(person: Supporter, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "kind": person.kind.value,
        "role": person.role.value,
        "ring": person.ring.value,
        "tie": person.tie.value,
        "stressful": person.stressful,
        "direction": person.direction.value,
        "timezone": person.timezone,
        "meeting_schedule": person.meeting_schedule,
        "meeting_place": person.meeting_place,
        "contacts": [{"type": c.type.value, "value": c.value, "label": c.label,
                      "preferred": c.preferred} for c in person.contacts],
        "availability": [{"days": days_text(w.days), "start": hhmm(w.start),
                          "end": hhmm(w.end)} for w in person.availability],
        "boundaries": {"mine": person.boundaries.mine, "theirs": person.boundaries.theirs},
        "help": {"warning_signs": person.help.warning_signs,
                 "what_helps": person.help.what_helps,
                 "what_does_not": person.help.what_does_not,
                 "in_a_crisis": person.help.in_a_crisis},
        "notes": person.notes,
        "help_with": list(person.help_with),
        "cadence": {"every_days": every_days(person.cadence.every),
                    "paused": person.cadence.paused,
                    "snoozed_until": moment_text(person.cadence.snoozed_until, tz) or None},
        "created": moment_text(person.created, tz) or None,
        "last_contact": moment_text(person.last_contact, tz) or None,
        **occasions_json.person_keys(person),
    }


def checkin_json(checkin: CheckIn, tz: tzinfo) -> dict[str, Any]:
    return {
        "person": checkin.supporter_id,
        "at": moment_text(checkin.at, tz),
        "mode": checkin.mode.value,
        "initiator": checkin.initiator.value,
        "mood_before": checkin.mood_before,
        "mood_after": checkin.mood_after,
        "support_given": sorted(s.value for s in checkin.support_given),
        "support_received": sorted(s.value for s in checkin.support_received),
        "note": checkin.note,
    }


def gratitude_json(entry: Gratitude) -> dict[str, Any]:
    return {"person": entry.supporter_id, "on": entry.on.isoformat(), "text": entry.text,
            "thanked": entry.thanked}


def plan_item_json(item: PlanItem) -> dict[str, Any]:
    return {"step": item.step.value, "position": item.position, "text": item.text,
            "person": item.supporter_id}


def crisis_line_json(line: CrisisLine) -> dict[str, Any]:
    return {"country": line.country, "name": line.name, "contact": line.contact,
            "channel": line.channel.value, "hours": line.hours, "source": line.source,
            "verified": line.verified.isoformat() if line.verified else None,
            "notes": line.notes}


def to_document(data: ExportData, tz: tzinfo) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": moment_text(data.exported_at, tz),
        "app_version": data.app_version,
        "people": [{**person_json(p, tz), **({"on_lock_screen": True}
                                              if p.id in data.on_lock_screen else {})}
                   for p in data.people],
        "checkins": [checkin_json(c, tz) for c in data.checkins],
        "gratitude": [gratitude_json(g) for g in data.gratitude],
        "moods": [{"at": moment_text(m.at, tz), "mood": m.mood, "feelings": list(m.feelings),
                   "note": m.note} for m in data.moods],
        "safety_plan": [plan_item_json(i) for i in data.plan],
        "crisis_lines": [crisis_line_json(c) for c in data.crisis_lines],
        "templates": [{"text": t.text, "subject": t.subject, "hard_time": t.hard_time}
                      for t in data.templates],
        "help_kinds": list(data.help_kinds),
        "settings": dict(data.settings),
        **occasions_json.own_dates_key(data.own_dates),
        "appointments": [appointment_json(a, tz) for a in data.appointments],
        "asks": [ask_json(a, tz) for a in data.asks],
    }


def to_json(data: ExportData, tz: tzinfo) -> str:
    """The document as text (non-ASCII kept as it is), one record a line: readable,
    and a quarter the size of an indented file for ten years of check-ins."""

    def dumped(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in to_document(data, tz).items():
        if isinstance(value, list) and value:
            records = ",\n".join(f"  {dumped(item)}" for item in value)
            parts.append(f" {dumped(key)}: [\n{records}\n ]")
        else:
            parts.append(f" {dumped(key)}: {dumped(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


# -- reading -------------------------------------------------------------------------


class _Fields:
    """One JSON object being read, with the path to it for messages."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise _wrong(path, "should be an object ({…})")
        self.value: dict[str, object] = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, required: bool = False) -> object:
        if self.value.get(key) is None:  # absent or null
            if required:
                raise ExportFileError(f"The file is missing {self.at(key)}.",
                                      hint=_HINT)
            return None
        return self.value[key]

    def text(self, key: str, required: bool = False) -> str:
        value = self.get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _wrong(self.at(key), "should be text")
        return value

    def flag(self, key: str) -> bool:
        value = self.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise _wrong(self.at(key), "should be true or false")
        return value

    def number(self, key: str, required: bool = False) -> int | None:
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong(self.at(key), "should be a whole number")
        return value

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self.get(key, required=default is None)
        if value is None and default is not None:
            return default
        try:
            return _member(enum, value)
        except ValueError:
            words = ", ".join(f"“{m.value}”" for m in enum if m.value)
            raise _wrong(self.at(key), f"should be one of {words}") from None

    def moment(self, key: str, required: bool = False) -> datetime | None:
        text = self.text(key, required)
        if not text and not required:
            return None
        try:
            moment = datetime.fromisoformat(text)
            moment.astimezone(UTC)  # kept in UTC: year 1 at +01:00 has no UTC moment
        except (ValueError, OverflowError):
            moment = None
        if moment is None or moment.tzinfo is None:
            raise _wrong(self.at(key), "should be a date and time with its time zone, "
                                       "like 2026-11-24T18:30:00+00:00")
        return moment

    def day(self, key: str, required: bool = False) -> date | None:
        text = self.text(key, required)
        if not text and not required:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _wrong(self.at(key), "should be a date like 2026-11-24") from None

    def clock_time(self, key: str) -> time:
        text = self.text(key, required=True)
        try:
            parsed = time.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is None or len(text) != 5 or parsed.tzinfo is not None:
            raise _wrong(self.at(key), "should be a time of day like 18:30")
        return parsed

    def items(self, key: str) -> list[object]:
        value = self.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _wrong(self.at(key), "should be a list ([…])")
        return value

    def child(self, key: str) -> _Fields:
        value = self.get(key)
        return _Fields({} if value is None else value, self.at(key))


def _member(enum: type[E], value: object) -> E:
    """The member whose value is ``value``; ValueError for anything else (even a number)."""
    found = enum._value2member_map_.get(value) if isinstance(value, str) else None
    if not isinstance(found, enum):
        raise ValueError("not a member")
    return found


_HINT = "Choose a file saved by File > Export > Everything in SupportDesk."


def _wrong(path: str, what: str) -> ExportFileError:
    return ExportFileError(f"In the file, {path} {what}.", hint=_HINT)


def _each(fields: _Fields, key: str, read: Callable[[_Fields], Any]) -> list[Any]:
    return [read(_Fields(item, f"{fields.at(key)}[{index}]"))
            for index, item in enumerate(fields.items(key))]


def _person(f: _Fields) -> Supporter:
    person_id = f.number("id", required=True)
    cadence, boundaries, help_notes = f.child("cadence"), f.child("boundaries"), f.child("help")
    every = cadence.get("every_days")
    if every is not None and (isinstance(every, bool) or not isinstance(every, int | float)
                              or not 0 < every <= MAX_EVERY_DAYS):
        raise _wrong(cadence.at("every_days"), "should be a number of days above 0")
    return Supporter(
        id=person_id,
        name=f.text("name", required=True),
        kind=f.choice("kind", Kind),
        role=f.choice("role", Role, Role.NONE),
        ring=f.choice("ring", Ring, Ring.MIDDLE),
        tie=f.choice("tie", TieStrength, TieStrength.NORMAL),
        stressful=f.flag("stressful"),
        direction=f.choice("direction", Direction, Direction.MUTUAL),
        timezone=f.text("timezone"),
        meeting_schedule=f.text("meeting_schedule"),
        meeting_place=f.text("meeting_place"),
        contacts=_each(f, "contacts", _contact),
        availability=_each(f, "availability", _window),
        meetings=_each(f, "meetings", lambda g: occasions_json.meeting_from(g, _wrong)),
        dates=_each(f, "dates", occasions_json.date_from),
        boundaries=Boundaries(boundaries.text("mine"), boundaries.text("theirs")),
        help=HelpNotes(help_notes.text("warning_signs"), help_notes.text("what_helps"),
                       help_notes.text("what_does_not"), help_notes.text("in_a_crisis")),
        notes=f.text("notes"),
        help_with=tuple(_texts(f, "help_with")),
        cadence=Cadence(timedelta(days=every) if every is not None else None,
                        cadence.flag("paused"), cadence.moment("snoozed_until")),
        created=f.moment("created"),
        last_contact=f.moment("last_contact"),
    )


def _contact(f: _Fields) -> ContactMethod:
    return ContactMethod(f.choice("type", ContactType), f.text("value", required=True),
                         f.text("label"), f.flag("preferred"))


def _window(f: _Fields) -> AvailabilityWindow:
    days = set()
    for index, name in enumerate(f.items("days")):
        if name not in DAY_NAMES:
            raise _wrong(f"{f.at('days')}[{index}]", "should be one of "
                         + ", ".join(f"“{d}”" for d in DAY_NAMES))
        days.add(DAY_NAMES.index(str(name)))
    return AvailabilityWindow(frozenset(days), f.clock_time("start"), f.clock_time("end"))


def _mood(f: _Fields, key: str) -> int | None:
    mood = f.number(key)
    if mood is not None and not 1 <= mood <= 5:
        raise _wrong(f.at(key), "should be from 1 (very low) to 5 (very good)")
    return mood


def _supports(f: _Fields, key: str) -> frozenset[SupportType]:
    found = set()
    for index, value in enumerate(f.items(key)):
        try:
            found.add(_member(SupportType, value))
        except ValueError:
            raise _wrong(f"{f.at(key)}[{index}]", "should be one of "
                         + ", ".join(f"“{s.value}”" for s in SupportType)) from None
    return frozenset(found)


def _checkin(f: _Fields) -> CheckIn:
    at = f.moment("at", required=True)
    assert at is not None
    return CheckIn(
        supporter_id=f.number("person", required=True) or 0,
        at=at,
        mode=f.choice("mode", Mode, Mode.CALL),
        initiator=f.choice("initiator", Initiator, Initiator.ME),
        mood_before=_mood(f, "mood_before"),
        mood_after=_mood(f, "mood_after"),
        support_given=_supports(f, "support_given"),
        support_received=_supports(f, "support_received"),
        note=f.text("note"),
    )


def _gratitude(f: _Fields) -> Gratitude:
    on = f.day("on", required=True)
    assert on is not None
    return Gratitude(f.number("person"), on, f.text("text", required=True), f.flag("thanked"))


def _texts(f: _Fields, key: str) -> list[str]:
    found = []
    for index, value in enumerate(f.items(key)):
        if not isinstance(value, str):
            raise _wrong(f"{f.at(key)}[{index}]", "should be text")
        found.append(value)
    return found


def _template(f: _Fields) -> MessageTemplate:
    return MessageTemplate(f.text("text", required=True), f.text("subject"),
                           f.flag("hard_time"))


def _mood_entry(f: _Fields) -> MoodEntry:
    at = f.moment("at", required=True)
    mood = _mood(f, "mood")
    if mood is None:
        raise ExportFileError(f"The file is missing {f.at('mood')}.", hint=_HINT)
    assert at is not None
    feelings = []
    for index, value in enumerate(f.items("feelings")):
        if not isinstance(value, str):
            raise _wrong(f"{f.at('feelings')}[{index}]", "should be text")
        feelings.append(value)
    return MoodEntry(at=at, mood=mood, feelings=tuple(feelings), note=f.text("note"))


def _plan_item(f: _Fields) -> PlanItem:
    return PlanItem(f.choice("step", PlanStep), f.text("text"), f.number("person"),
                    f.number("position") or 0)


def _crisis_line(f: _Fields) -> CrisisLine:
    return CrisisLine(country=f.text("country", required=True), name=f.text("name", True),
                      contact=f.text("contact", True), channel=f.choice("channel", Channel),
                      hours=f.text("hours"), source=f.text("source"),
                      verified=f.day("verified"), user_added=True, notes=f.text("notes"))


def _settings(f: _Fields) -> dict[str, SettingValue]:
    found: dict[str, SettingValue] = {}
    for key, value in f.value.items():
        if not isinstance(value, bool | int | str):
            raise _wrong(f.at(key), "should be true, false, a number or text")
        found[key] = value
    return found


def read_document(raw: object) -> ExportData:
    """The data in a parsed document; ExportFileError if it is not one this reads."""
    top = _Fields(raw, "")
    if top.get("format") != FORMAT:
        raise ExportFileError("This is not a SupportDesk export.", hint=_HINT)
    version = top.number("version", required=True)
    if version is None or version > VERSION:
        raise ExportFileError("This export was made by a newer SupportDesk.",
                              hint="Update SupportDesk, then import it again.")
    exported_at = top.moment("exported_at", required=True)
    assert exported_at is not None
    data = ExportData(
        exported_at=exported_at,
        people=_each(top, "people", _person),
        checkins=_each(top, "checkins", _checkin),
        gratitude=_each(top, "gratitude", _gratitude),
        moods=_each(top, "moods", _mood_entry),
        plan=_each(top, "safety_plan", _plan_item),
        crisis_lines=_each(top, "crisis_lines", _crisis_line),
        settings=_settings(top.child("settings")),
        app_version=top.text("app_version"),
        own_dates=_each(top, "my_dates", occasions_json.date_from),
        templates=_each(top, "templates", _template),
        help_kinds=_texts(top, "help_kinds"),
        appointments=_each(top, "appointments", read_appointment),
        asks=_each(top, "asks", read_ask),
    )
    data.on_lock_screen = {person.id for index, (person, item) in enumerate(zip(
        data.people, top.items("people"), strict=True))
        if person.id is not None and _Fields(item, f"people[{index}]").flag("on_lock_screen")}
    _check_people_named(data)
    return data


def _check_people_named(data: ExportData) -> None:
    """Every person number is used once, and everything names a person in the file."""
    known: set[int] = set()
    for index, person in enumerate(data.people):
        assert person.id is not None
        if person.id in known:
            raise _wrong(f"people[{index}].id", "is used by two people")
        known.add(person.id)
    named: Mapping[str, list[int | None]] = {
        "checkins": [c.supporter_id for c in data.checkins],
        "gratitude": [g.supporter_id for g in data.gratitude],
        "safety_plan": [i.supporter_id for i in data.plan],
        "appointments": [a.supporter_id for a in data.appointments],
        "asks": [a.supporter_id for a in data.asks],
    }
    for key, ids in named.items():
        for index, person_id in enumerate(ids):
            if person_id is not None and person_id not in known:
                raise _wrong(f"{key}[{index}].person", "names nobody in the file's people")


def read_json(raw: bytes) -> ExportData:
    """Parse and check an export; ExportFileError if it cannot be read."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExportFileError("The file is not UTF-8 text.", hint=_HINT) from None
    except json.JSONDecodeError as error:
        raise ExportFileError(f"The file is not valid JSON (line {error.lineno}).",
                              hint=_HINT) from None
    return read_document(document)
