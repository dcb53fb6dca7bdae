"""Importing a SupportDesk export (supportdesk.json, or the .zip holding it).

Like vCard import: ``preview`` reads the file and compares each person with the
network, writing nothing; ``apply`` writes what was chosen in one transaction and
returns a ``FullImportOutcome`` that ``undo`` reverses exactly.

Two people are never joined silently. Someone in the file with the same name as
someone already here *and* a phone number or email address in common is proposed as
the same person; the same name alone is only pointed out. The person chooses each row:
add, same person (new details, check-ins and gratitude go to the one already here;
what they already have is not repeated) or leave out (with their check-ins and
gratitude). Everything is cleaned and checked as the editors do; a record that fails
is left out and said so. The file's settings are used when importing into an empty
vault, and otherwise only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from supportdesk.core.crisis import crisis_line_problems, is_country
from supportdesk.core.errors import ValidationError
from supportdesk.core.model import (
    CheckIn,
    ContactMethod,
    CrisisLine,
    Gratitude,
    PlanItem,
    Supporter,
)
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
from supportdesk.services.importing import _method_key, normalised_name
from supportdesk.services.network import cleaned_supporter
from supportdesk.services.safety_plan import SafetyPlanService, plan_from_items
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings


def _checkin_key(checkin: CheckIn) -> tuple[object, ...]:
    return (checkin.at.astimezone(UTC), checkin.mode, checkin.note)


def _gratitude_key(entry: Gratitude, supporter_id: int | None) -> tuple[object, ...]:
    return (supporter_id, entry.on, entry.text)


@dataclass(frozen=True)
class AlreadyHere:
    """What the vault holds that a file may repeat (for people being joined)."""

    checkins: set[tuple[object, ...]] = field(default_factory=set)
    gratitude: set[tuple[object, ...]] = field(default_factory=set)
    plan: set[tuple[object, ...]] = field(default_factory=set)


def fresh_checkins(checkins: Iterable[CheckIn], vault_id: dict[int, int],
                   have: set[tuple[object, ...]]) -> list[CheckIn]:
    """The check-ins of people coming in, on their ids here, without those a person
    already here has (the same moment, way and note)."""
    fresh = []
    for checkin in checkins:
        target = vault_id.get(checkin.supporter_id)
        if target is None:
            continue  # their person was left out
        moved = replace(checkin, supporter_id=target)
        if (target, *_checkin_key(moved)) not in have:
            fresh.append(moved)
    return fresh


def fresh_gratitude(entries: Iterable[Gratitude], vault_id: dict[int, int],
                    have: set[tuple[object, ...]]) -> list[Gratitude]:
    fresh = []
    for entry in entries:
        target = vault_id.get(entry.supporter_id) if entry.supporter_id is not None else None
        if entry.supporter_id is not None and target is None:
            continue  # their person was left out
        if _gratitude_key(entry, target) not in have:
            fresh.append(replace(entry, supporter_id=target))
    return fresh


def _plan_key(item: PlanItem) -> tuple[object, ...]:
    return (item.step, item.text, item.supporter_id)


def plan_additions(items: Iterable[PlanItem], vault_id: dict[int, int], names: dict[int, str],
                   have: set[tuple[object, ...]]) -> list[PlanItem]:
    """The file's plan items the plan lacks, linked to people here. An item whose person
    was left out keeps their name as its words."""
    added = []
    for item in items:
        linked = vault_id.get(item.supporter_id) if item.supporter_id is not None else None
        text = item.text
        if item.supporter_id is not None and linked is None:
            text = text or names.get(item.supporter_id, "")
        moved = replace(item, text=text, supporter_id=linked)
        if (moved.text or linked is not None) and _plan_key(moved) not in have:
            have = have | {_plan_key(moved)}
            added.append(moved)
    return added


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
            return f"{self.existing.name} (same name and a shared phone or email)"
        return f"Someone else called {self.existing.name} (no shared phone or email)"

    def new_methods(self) -> list[ContactMethod]:
        """Contact methods the person already here does not have yet."""
        have = {_method_key(m) for m in self.existing.contacts} if self.existing else set()
        fresh = []
        for method in self.person.contacts:
            if _method_key(method) not in have:
                have.add(_method_key(method))
                fresh.append(method)
        return fresh


@dataclass
class FullImportPreview:
    data: ExportData  # everything in the file, cleaned; records that failed are dropped
    people: list[PersonRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what was left out, and why
    use_settings: bool = False
    vault_was_empty: bool = True
    already_here: AlreadyHere = field(default_factory=AlreadyHere, repr=False)

    def count(self, action: PersonAction) -> int:
        return sum(1 for row in self.people if row.action is action)

    def targets(self) -> dict[int, int]:
        """Number in the file -> the id of the person already here they join, or a
        stand-in (below 0) for someone to be added; people left out are not there."""
        found: dict[int, int] = {}
        for row in self.people:
            number = row.person.id or 0
            if row.action is PersonAction.SAME and row.existing is not None:
                found[number] = row.existing.id or 0
            elif row.action is PersonAction.ADD:
                found[number] = -1 - number
        return found

    def names(self) -> dict[int, str]:
        return {row.person.id or 0: row.person.name for row in self.people}

    def counts(self) -> dict[str, int]:
        """How many of each record would come in, with the rows as chosen now."""
        targets, have = self.targets(), self.already_here
        return {
            "checkins": len(fresh_checkins(self.data.checkins, targets, have.checkins)),
            "gratitude": len(fresh_gratitude(self.data.gratitude, targets, have.gratitude)),
            "plan": len(plan_additions(self.data.plan, targets, self.names(), have.plan)),
            "crisis_lines": len(self.data.crisis_lines),
        }

    def words(self) -> str:
        """What importing would bring, in a sentence."""
        c = self.counts()
        people = (f"{len(self.people)} {_plural(len(self.people), 'person', 'people')} "
                  f"in the file: {self.count(PersonAction.ADD)} to add, "
                  f"{self.count(PersonAction.SAME)} already here (joined), "
                  f"{self.count(PersonAction.SKIP)} left out.")
        rest = (f" With them: {_count(c['checkins'], 'check-in')}, "
                f"{_count(c['gratitude'], 'gratitude entry', 'gratitude entries')}, "
                f"{_count(c['plan'], 'safety plan item')} and "
                f"{_count(c['crisis_lines'], 'crisis line')} of your own.")
        return people + rest


@dataclass
class FullImportOutcome:
    added_ids: list[int] = field(default_factory=list)
    merged_before: list[Supporter] = field(default_factory=list)  # as they were
    checkin_ids: list[int] = field(default_factory=list)
    gratitude_ids: list[int] = field(default_factory=list)
    line_ids: list[int] = field(default_factory=list)
    plan_before: list[PlanItem] | None = None  # None: the plan was not touched
    settings_before: dict[str, str] | None = None  # raw values; None: not touched

    @property
    def summary(self) -> str:
        parts = [f"{_count(len(self.added_ids), 'person', 'people')} added"]
        if self.merged_before:
            parts.append(f"{len(self.merged_before)} joined with people already here")
        parts.append(_count(len(self.checkin_ids), "check-in"))
        parts.append(_count(len(self.gratitude_ids), "gratitude entry", "gratitude entries"))
        if self.plan_before is not None:
            parts.append("the safety plan")
        if self.line_ids:
            parts.append(_count(len(self.line_ids), "crisis line"))
        if self.settings_before is not None:
            parts.append("your settings")
        return ", ".join(parts)


def _plural(count: int, one: str, many: str = "") -> str:
    return one if count == 1 else (many or one + "s")


def _count(count: int, one: str, many: str = "") -> str:
    return f"{count} {_plural(count, one, many)}"


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


class FullImportService:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- preview -----------------------------------------------------------------

    def preview(self, raw: bytes) -> FullImportPreview:
        """What importing ``raw`` would do. Writes nothing."""
        return self.preview_data(read_export(raw))

    def preview_data(self, data: ExportData) -> FullImportPreview:
        repo = self.session.repo
        existing = repo.supporters()
        vault_empty = not existing and not repo.checkins(limit=1) and not repo.gratitude()
        preview = FullImportPreview(data=data, use_settings=vault_empty,
                                    vault_was_empty=vault_empty)
        by_name: dict[str, list[Supporter]] = {}
        for supporter in existing:
            by_name.setdefault(normalised_name(supporter.name), []).append(supporter)
        for index, person in enumerate(data.people):
            preview.people.append(self._person_row(index, person, by_name, preview.problems))
        left_out = {row.person.id for row in preview.people if row.problem}
        data.checkins = self._checked(data.checkins, self._cleaned_checkin, "Check-in",
                                      preview.problems, left_out)
        data.gratitude = self._checked(data.gratitude, self._cleaned_gratitude,
                                       "Gratitude entry", preview.problems, left_out)
        data.plan = self._checked(data.plan, self._cleaned_plan_item, "Safety plan item",
                                  preview.problems, set())
        data.crisis_lines = self._checked(self._new_lines(data.crisis_lines),
                                          self._cleaned_line, "Crisis line", preview.problems,
                                          set())
        data.settings = self._checked_settings(data.settings, preview.problems)
        candidates = {row.existing.id or 0 for row in preview.people if row.existing}
        if existing:
            preview.already_here = self._already_here(candidates)
        return preview

    def _person_row(self, index: int, person: Supporter, by_name: dict[str, list[Supporter]],
                    found: list[str]) -> PersonRow:
        cleaned = cleaned_supporter(person)
        row = PersonRow(cleaned)
        wrong = problems(cleaned)
        if wrong:
            message = next(iter(wrong.values()))
            row.problem = message
            row.action = PersonAction.SKIP
            found.append(f"Person {index + 1} ({clean_line(person.name) or 'no name'}) was "
                         f"left out: {message}")
            return row
        keys = {_method_key(m) for m in cleaned.contacts}
        candidates = by_name.get(normalised_name(cleaned.name), [])
        for candidate in candidates:
            if keys & {_method_key(m) for m in candidate.contacts}:
                row.existing, row.shares_contact, row.action = candidate, True, PersonAction.SAME
                break
        else:
            row.existing = candidates[0] if candidates else None
        return row

    @staticmethod
    def _checked(records: Iterable[Any], clean: Any, what: str, found: list[str],
                 left_out: set[int | None]) -> list[Any]:
        kept = []
        for index, record in enumerate(records):
            if getattr(record, "supporter_id", None) in left_out:
                continue  # their person was left out: said once, for the person
            try:
                kept.append(clean(record))
            except ValidationError as error:
                found.append(f"{what} {index + 1} was left out: {error.message}")
        return kept

    @staticmethod
    def _cleaned_checkin(checkin: CheckIn) -> CheckIn:
        note = clean_text(checkin.note)
        problem = check_length(note, LONG_TEXT_LIMIT)
        if problem:
            raise ValidationError(problem, field="note")
        return replace(checkin, note=note, id=None)

    @staticmethod
    def _cleaned_gratitude(entry: Gratitude) -> Gratitude:
        text = clean_text(entry.text)
        problem = check_length(text, LONG_TEXT_LIMIT) or (
            "" if text else "Write a few words about what you are grateful for.")
        if problem:
            raise ValidationError(problem, field="text")
        return replace(entry, text=text, id=None)

    @staticmethod
    def _cleaned_plan_item(item: PlanItem) -> PlanItem:
        text = clean_text(item.text)
        problem = check_length(text, LONG_TEXT_LIMIT)
        if problem:
            raise ValidationError(problem, field=item.step.value)
        return replace(item, text=text, supporter_id=item.supporter_id
                       if item.step.links_people else None, id=None)

    @staticmethod
    def _cleaned_line(line: CrisisLine) -> CrisisLine:
        cleaned = replace(line, country=line.country.strip().upper(), name=clean_line(line.name),
                          contact=clean_line(line.contact), hours=clean_line(line.hours),
                          source=clean_line(line.source), notes=clean_text(line.notes),
                          user_added=True, id=None)
        wrong = crisis_line_problems(cleaned)
        if wrong:
            raise ValidationError(wrong[0][1], field=wrong[0][0])
        return cleaned

    def _new_lines(self, lines: list[CrisisLine]) -> list[CrisisLine]:
        """The file's lines that are not in the vault already."""
        have = {(line.country, line.name, line.contact) for line in self.session.repo.crisis_lines()
                if line.user_added}
        return [line for line in lines
                if (line.country.strip().upper(), clean_line(line.name),
                    clean_line(line.contact)) not in have]

    @staticmethod
    def _checked_settings(values: dict[str, Any], found: list[str]) -> dict[str, Any]:
        """The file's settings as typed values, within their ranges; unknown ones ignored."""
        kept: dict[str, Any] = {}
        for setting in EXPORTED_SETTINGS:
            if setting.name not in values:
                continue
            try:
                kept[setting.name] = _setting_value(setting, values[setting.name])
            except ValueError:
                found.append(f"The setting {setting.name} was left out: its value cannot "
                             "be used.")
        return kept

    # -- apply and undo ------------------------------------------------------------

    def apply(self, preview: FullImportPreview) -> FullImportOutcome:
        """Write what was chosen in one transaction; all or nothing."""
        repo = self.session.repo
        data = preview.data
        outcome = FullImportOutcome()
        vault_id: dict[int, int] = {}  # number in the file -> supporter id here
        with repo.db.atomic():
            to_add = [row for row in preview.people if row.action is PersonAction.ADD]
            added = repo.add_supporters(
                [replace(row.person, id=None, last_contact=None) for row in to_add],
                now=self.session.clock())
            outcome.added_ids = added
            vault_id.update({row.person.id or 0: new_id
                             for row, new_id in zip(to_add, added, strict=True)})
            joined = self._join(preview, outcome)
            vault_id.update(joined)
            have = self._already_here(set(joined.values()))
            outcome.checkin_ids = repo.add_checkins(
                fresh_checkins(data.checkins, vault_id, have.checkins))
            outcome.gratitude_ids = repo.add_gratitude_entries(
                fresh_gratitude(data.gratitude, vault_id, have.gratitude))
            self._import_plan(preview, vault_id, outcome)
            outcome.line_ids = [repo.save_crisis_line(line).id or 0
                                for line in data.crisis_lines]
            if preview.use_settings and data.settings:
                outcome.settings_before = self._import_settings(data.settings)
        return outcome

    def _already_here(self, people: set[int]) -> AlreadyHere:
        """The check-ins of ``people`` and all gratitude, to tell what the file repeats."""
        repo = self.session.repo
        checkins = {(c.supporter_id, *_checkin_key(c)) for c in repo.checkins()
                    if c.supporter_id in people} if people else set()
        return AlreadyHere(checkins, {_gratitude_key(g, g.supporter_id)
                                      for g in repo.gratitude()},
                           {_plan_key(i) for i in repo.plan_items()})

    def _join(self, preview: FullImportPreview, outcome: FullImportOutcome) -> dict[int, int]:
        """Give the people already here what the file adds; number in file -> their id."""
        repo = self.session.repo
        joined: dict[int, int] = {}
        current: dict[int, Supporter] = {}
        for row in preview.people:
            if row.action is not PersonAction.SAME or row.existing is None:
                continue
            target = row.existing.id or 0
            if target not in current:
                current[target] = repo.supporter(target)
                outcome.merged_before.append(current[target])
            now = replace(row, existing=current[target])
            current[target] = repo.update_supporter(_joined(current[target], now))
            joined[row.person.id or 0] = target
        return joined

    def _import_plan(self, preview: FullImportPreview, vault_id: dict[int, int],
                     outcome: FullImportOutcome) -> None:
        """Add the file's plan items the plan does not have yet, after its own."""
        repo = self.session.repo
        before = repo.plan_items()
        added = plan_additions(preview.data.plan, vault_id, preview.names(),
                               {_plan_key(i) for i in before})
        if added:
            outcome.plan_before = before
            plan = plan_from_items(before)
            for item in added:
                plan[item.step].append(item)
            SafetyPlanService(repo).save(plan)

    def _import_settings(self, values: dict[str, Any]) -> dict[str, str]:
        repo = self.session.repo
        settings = Settings(repo)
        before = {}
        for setting in EXPORTED_SETTINGS:
            if setting.name in values:
                before[setting.name] = repo.setting(setting.name, "")
                settings.set(setting.key, values[setting.name])
        return before

    def undo(self, outcome: FullImportOutcome) -> None:
        """Take out exactly what ``apply`` brought in, and put back what it changed."""
        repo = self.session.repo
        with repo.db.atomic():
            if outcome.plan_before is not None:
                repo.replace_plan(outcome.plan_before)
            repo.delete_gratitude_entries(outcome.gratitude_ids)
            repo.delete_checkins(outcome.checkin_ids)
            repo.delete_supporters(outcome.added_ids)
            for before in outcome.merged_before:
                repo.update_supporter(before)
            for line_id in outcome.line_ids:
                repo.delete_crisis_line(line_id)
            for name, raw in (outcome.settings_before or {}).items():
                repo.set_setting(name, raw)


def _joined(here: Supporter, row: PersonRow) -> Supporter:
    """The person already here, with what the file adds: new contact methods and
    availability, and the file's words wherever theirs are still empty."""
    theirs = row.person
    windows = here.availability + [w for w in theirs.availability
                                   if w not in here.availability]

    def fill(mine: str, other: str) -> str:
        return mine or other

    return replace(
        here,
        contacts=here.contacts + row.new_methods(),
        availability=windows,
        timezone=fill(here.timezone, theirs.timezone),
        meeting_schedule=fill(here.meeting_schedule, theirs.meeting_schedule),
        meeting_place=fill(here.meeting_place, theirs.meeting_place),
        boundaries=replace(here.boundaries,
                           mine=fill(here.boundaries.mine, theirs.boundaries.mine),
                           theirs=fill(here.boundaries.theirs, theirs.boundaries.theirs)),
        help=replace(here.help,
                     warning_signs=fill(here.help.warning_signs, theirs.help.warning_signs),
                     what_helps=fill(here.help.what_helps, theirs.help.what_helps),
                     what_does_not=fill(here.help.what_does_not, theirs.help.what_does_not),
                     in_a_crisis=fill(here.help.in_a_crisis, theirs.help.in_a_crisis)),
        notes=fill(here.notes, theirs.notes),
    )


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


def moment_words(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %B %Y, %H:%M")
