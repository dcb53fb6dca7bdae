"""Reading a SupportDesk export and checking all of it as the editors do, before any
vault is looked at (so the GUI can do it off its own thread).

Every person is cleaned and checked with the editor's rules (``cleaned_supporter``,
``core/validation.py``); check-ins, gratitude, plan items and crisis lines with their
dialogs' rules; settings are kept to their types and ranges. What fails is left out,
and ``CheckedExport.problems`` says so in plain words. A person left out takes their
check-ins and gratitude with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from supportdesk.core.appointments import checked_appointment, checked_ask
from supportdesk.core.crisis import crisis_line_problems, is_country
from supportdesk.core.dates import ImportantDate
from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import (
    CheckIn,
    ContactMethod,
    CrisisLine,
    Gratitude,
    PlanItem,
    Supporter,
)
from supportdesk.core.mood import MoodEntry, checked_entry
from supportdesk.core.occasion_checks import check_date
from supportdesk.core.validation import (
    LONG_TEXT_LIMIT,
    check_length,
    clean_line,
    clean_text,
    problems,
)
from supportdesk.formats.full_export import is_zip, json_in_zip
from supportdesk.formats.supportdesk_json import ExportData, ExportFileError, read_json
from supportdesk.services import settings as keys
from supportdesk.services.full_export import EXPORTED_SETTINGS, ExportedSetting
from supportdesk.services.importing import _method_key
from supportdesk.services.network import cleaned_supporter


class PersonAction(StrEnum):
    ADD = "add"
    SAME = "same"  # the same person as ``existing``: join them
    SKIP = "skip"

    @property
    def label(self) -> str:
        return {"add": "Add", "same": "Same person", "skip": "Leave out"}[self.value]


@dataclass
class PersonRow:
    """One person in the file: as they will be saved, and who they may already be."""

    person: Supporter  # cleaned; ``id`` is their number in the file
    action: PersonAction = PersonAction.ADD
    existing: Supporter | None = None  # someone here with the same name
    shares_contact: bool = False  # ...who also has one of the same numbers or addresses
    problem: str = ""  # why they cannot be imported as they are (then always left out)

    @property
    def choices(self) -> list[PersonAction]:
        if self.problem:
            return [PersonAction.SKIP]
        if self.existing is None:
            return [PersonAction.ADD, PersonAction.SKIP]
        return list(PersonAction)

    @property
    def match_words(self) -> str:
        if self.existing is None:
            return ""
        if self.shares_contact:
            return f"{self.existing.name} (shares a phone or email)"
        return f"Another {self.existing.name} (no phone or email in common)"

    def new_methods(self) -> list[ContactMethod]:
        """Contact methods the person already here does not have yet."""
        have = {_method_key(m) for m in self.existing.contacts} if self.existing else set()
        fresh = []
        for method in self.person.contacts:
            if _method_key(method) not in have:
                have.add(_method_key(method))
                fresh.append(method)
        return fresh


def read_export(raw: bytes) -> ExportData:
    """The data in supportdesk.json, or in the export .zip that holds it."""
    if is_zip(raw):
        try:
            raw = json_in_zip(raw)
        except (KeyError, OSError, ValueError):
            raise ExportFileError("This .zip holds no SupportDesk export (supportdesk.json).",
                                  hint="Choose the .zip made by File > Export > Everything, "
                                       "or the supportdesk.json inside it.") from None
    return read_json(raw)


@dataclass
class CheckedExport:
    """A file read, and cleaned and checked as the editors do, not yet compared with a
    vault: ``people`` are not matched yet, ``problems`` say what was left out."""

    data: ExportData
    people: list[PersonRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_and_check(raw: bytes) -> CheckedExport:
    """Read an export and clean and check all of it. Needs no vault (the GUI runs it off
    its own thread); ExportFileError if the file cannot be read."""
    return check_export(read_export(raw))


def check_export(data: ExportData) -> CheckedExport:
    checked = CheckedExport(data)
    for index, person in enumerate(data.people):
        checked.people.append(_checked_person(index, person, checked.problems))
    left_out = {row.person.id for row in checked.people if row.problem}
    found = checked.problems
    data.checkins = _checked(data.checkins, _cleaned_checkin, "Check-in", found, left_out)
    data.gratitude = _checked(data.gratitude, _cleaned_gratitude, "Gratitude entry", found,
                              left_out)
    data.moods = _checked(data.moods, _cleaned_mood, "Mood entry", found, set())
    steps = list(PlanStep)
    data.plan = sorted(_checked(data.plan, _cleaned_plan_item, "Safety plan item", found, set()),
                       key=lambda item: (steps.index(item.step), item.position))
    data.crisis_lines = _checked(data.crisis_lines, _cleaned_line, "Crisis line", found, set())
    data.settings = _checked_settings(data.settings, found)
    data.own_dates = _checked(data.own_dates, _checked_date, "One of your dates", found, set())
    professionals = {row.person.id for row in checked.people
                     if row.person.kind is Kind.PROFESSIONAL}
    data.appointments = _checked(
        [a for a in data.appointments if a.supporter_id in professionals],
        lambda a: replace(checked_appointment(a), id=None, reminded=False), "Appointment",
        found, left_out)
    data.asks = _checked(data.asks, lambda a: replace(checked_ask(a), id=None),
                         "Thing to ask about", found, left_out)
    return checked


def _checked_person(index: int, person: Supporter, found: list[str]) -> PersonRow:
    cleaned = cleaned_supporter(person)
    row = PersonRow(cleaned)
    wrong = problems(cleaned)
    if wrong:
        row.problem = next(iter(wrong.values()))
        row.action = PersonAction.SKIP
        found.append(f"Person {index + 1} ({clean_line(person.name) or 'no name'}) was "
                     f"left out: {row.problem}")
    return row


def _checked(records: Iterable[Any], clean: Callable[[Any], Any], what: str,
             found: list[str], left_out: set[int | None]) -> list[Any]:
    kept = []
    for index, record in enumerate(records):
        if getattr(record, "supporter_id", None) in left_out:
            continue  # their person was left out: said once, for the person
        try:
            kept.append(clean(record))
        except ValidationError as error:
            found.append(f"{what} {index + 1} was left out: {error.message}")
    return kept


def _cleaned_checkin(checkin: CheckIn) -> CheckIn:
    note = clean_text(checkin.note)
    problem = check_length(note, LONG_TEXT_LIMIT)
    if problem:
        raise ValidationError(problem, field="note")
    return replace(checkin, note=note, id=None)


def _cleaned_gratitude(entry: Gratitude) -> Gratitude:
    text = clean_text(entry.text)
    problem = check_length(text, LONG_TEXT_LIMIT) or (
        "" if text else "Write a few words about what you are grateful for.")
    if problem:
        raise ValidationError(problem, field="text")
    return replace(entry, text=text, id=None)


def _checked_date(item: ImportantDate) -> ImportantDate:
    cleaned = replace(item, label=clean_line(item.label))
    problem = check_date(cleaned)
    if problem:
        raise ValidationError(problem, field="dates")
    return cleaned


def _cleaned_mood(entry: MoodEntry) -> MoodEntry:
    return replace(checked_entry(entry), id=None)


def _cleaned_plan_item(item: PlanItem) -> PlanItem:
    text = clean_text(item.text)
    problem = check_length(text, LONG_TEXT_LIMIT)
    if problem:
        raise ValidationError(problem, field=item.step.value)
    return replace(item, text=text, id=None,
                   supporter_id=item.supporter_id if item.step.links_people else None)


def _cleaned_line(line: CrisisLine) -> CrisisLine:
    cleaned = replace(line, country=line.country.strip().upper(), name=clean_line(line.name),
                      contact=clean_line(line.contact), hours=clean_line(line.hours),
                      source=clean_line(line.source), notes=clean_text(line.notes),
                      user_added=True, id=None)
    wrong = crisis_line_problems(cleaned)
    if wrong:
        raise ValidationError(wrong[0][1], field=wrong[0][0])
    return cleaned


def _checked_settings(values: dict[str, Any], found: list[str]) -> dict[str, Any]:
    """The file's settings as typed values, within their ranges; unknown ones ignored."""
    kept: dict[str, Any] = {}
    for setting in EXPORTED_SETTINGS:
        if setting.name not in values:
            continue
        try:
            kept[setting.name] = _setting_value(setting, values[setting.name])
        except ValueError:
            found.append(f"The setting {setting.name} was left out: its value cannot be used.")
    return kept


def _setting_value(setting: ExportedSetting, value: Any) -> Any:
    """The file's value as the setting's own type; ValueError when it cannot be."""
    default = setting.key.default
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(setting.name)
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(setting.name)
        low = setting.low if setting.low is not None else value
        high = setting.high if setting.high is not None else value
        return max(low, min(high, value))
    if isinstance(value, str):
        parsed = setting.key.parse(value)  # a time of day, or text
        if setting.key is keys.CRISIS_COUNTRY and parsed and not is_country(parsed):
            raise ValueError(setting.name)
        return parsed
    raise ValueError(setting.name)
