"""Importing a SupportDesk export (supportdesk.json, or the .zip holding it).

Like vCard import: ``preview`` reads the file and compares each person with the
network, writing nothing; ``apply`` writes what was chosen in one transaction and
returns a ``FullImportOutcome`` that ``undo`` reverses exactly: what it added goes, and
the people it joined lose just what it gave them (an ``Edit``), keeping a snooze, pause
or edit made since. (Reading and checking
the file is ``full_import_checks``.)

Two people are never joined silently. Someone in the file with the same name as
someone already here *and* a phone number or email address in common is proposed as
the same person; the same name alone is only pointed out. The person chooses each row:
add, same person (new details, check-ins and gratitude go to the one already here;
what they already have is not repeated) or leave out (with their check-ins and
gratitude). Moods noted on their own belong to no one and all come in, but for those
the vault already has (the same moment, mood and note). The file's settings are used
when importing into an empty vault, and otherwise only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC
from typing import Any

from supportdesk.core.dates import ImportantDate
from supportdesk.core.field_changes import Edit, edit_of
from supportdesk.core.help_kinds import clean_kinds
from supportdesk.core.model import CheckIn, Gratitude, PlanItem, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.formats.supportdesk_json import ExportData
from supportdesk.formats.vcard_dates import merged as merged_dates
from supportdesk.services import settings as keys
from supportdesk.services.full_export import EXPORTED_SETTINGS, FullExportService
from supportdesk.services.full_import_checks import (
    CheckedExport,
    PersonAction,
    PersonRow,
    read_and_check,
)
from supportdesk.services.full_import_words import WordsBefore, import_words, undo_words
from supportdesk.services.importing import _method_key, normalised_name
from supportdesk.services.safety_plan import SafetyPlanService, plan_from_items
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.store import appointments_repo, meeting_rows

__all__ = ["CheckedExport", "FullImportOutcome", "FullImportPreview", "FullImportService",
           "PersonAction", "PersonRow", "read_and_check"]


def _checkin_key(checkin: CheckIn) -> tuple[object, ...]:
    return (checkin.at.astimezone(UTC), checkin.mode, checkin.note)


def _gratitude_key(entry: Gratitude, supporter_id: int | None) -> tuple[object, ...]:
    return (supporter_id, entry.on, entry.text)


def _mood_key(entry: MoodEntry) -> tuple[object, ...]:
    return (entry.at.astimezone(UTC), entry.mood, entry.note)


def fresh_moods(entries: Iterable[MoodEntry], have: set[tuple[object, ...]]
                ) -> list[MoodEntry]:
    """The file's mood entries the vault does not have yet (nor the file twice)."""
    fresh, seen = [], set(have)
    for entry in entries:
        if _mood_key(entry) not in seen:
            seen.add(_mood_key(entry))
            fresh.append(replace(entry, id=None))
    return fresh


@dataclass(frozen=True)
class AlreadyHere:
    """What the vault holds that a file may repeat (for people being joined)."""

    checkins: set[tuple[object, ...]] = field(default_factory=set)
    gratitude: set[tuple[object, ...]] = field(default_factory=set)
    plan: set[tuple[object, ...]] = field(default_factory=set)
    moods: set[tuple[object, ...]] = field(default_factory=set)
    appointments: set[tuple[object, ...]] = field(default_factory=set)  # (person, UTC)
    asks: set[tuple[object, ...]] = field(default_factory=set)  # (person, kind, text)


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

    def brings_anything(self, counts: dict[str, int] | None = None) -> bool:
        """Whether importing, as chosen now, would change anything at all."""
        if self.count(PersonAction.ADD) or any((counts or self.counts()).values()):
            return True
        if self.use_settings and self.data.settings:
            return True
        return any(_joined(row.existing, row) != row.existing for row in self.people
                   if row.action is PersonAction.SAME and row.existing is not None)

    def counts(self) -> dict[str, int]:
        """How many of each record would come in, with the rows as chosen now."""
        targets, have = self.targets(), self.already_here
        return {
            "checkins": len(fresh_checkins(self.data.checkins, targets, have.checkins)),
            "gratitude": len(fresh_gratitude(self.data.gratitude, targets, have.gratitude)),
            "moods": len(fresh_moods(self.data.moods, have.moods)),
            "plan": len(plan_additions(self.data.plan, targets, self.names(), have.plan)),
            "crisis_lines": len(self.data.crisis_lines),
            "appointments": len(_fresh({(targets.get(a.supporter_id), a.at.astimezone(UTC))
                                        for a in self.data.appointments}, have.appointments)),
            "asks": len(_fresh({(targets.get(a.supporter_id), a.kind, a.text)
                                for a in self.data.asks}, have.asks)),
        }

    def words(self, counts: dict[str, int] | None = None) -> str:
        """What importing would bring, in a sentence (``counts`` if already counted)."""
        c = counts or self.counts()
        people = (f"{len(self.people)} {_plural(len(self.people), 'person', 'people')} "
                  f"in the file: {self.count(PersonAction.ADD)} to add, "
                  f"{self.count(PersonAction.SAME)} already in your network (anything new "
                  "goes to them), "
                  f"{self.count(PersonAction.SKIP)} left out.")
        rest = (f" With them: {_count(c['checkins'], 'check-in')}, "
                f"{_count(c['gratitude'], 'gratitude entry', 'gratitude entries')}, "
                f"{_count(c['moods'], 'mood noted on its own', 'moods noted on their own')}, "
                f"{_count(c['plan'], 'safety plan item')}"
                + (f", {_count(c['appointments'], 'appointment')}, "
                   f"{_count(c['asks'], 'thing to ask about', 'things to ask about')}"
                   if self.data.appointments or self.data.asks else "")
                + f" and {_count(c['crisis_lines'], 'crisis line')} of your own.")
        return people + rest


@dataclass
class FullImportOutcome:
    added_ids: list[int] = field(default_factory=list)
    merged: list[Edit[Supporter]] = field(default_factory=list)  # what joining changed
    checkin_ids: list[int] = field(default_factory=list)  # those given to people already here
    checkins_added: int = 0
    gratitude_ids: list[int] = field(default_factory=list)
    mood_ids: list[int] = field(default_factory=list)
    appointment_ids: list[int] = field(default_factory=list)
    ask_ids: list[int] = field(default_factory=list)
    line_ids: list[int] = field(default_factory=list)
    plan_before: list[PlanItem] | None = None  # None: the plan was not touched
    settings_before: dict[str, str] | None = None  # raw values; None: not touched
    own_dates_before: list[ImportantDate] | None = None  # None: not touched
    words_before: WordsBefore = field(default_factory=WordsBefore)  # templates, kinds of help
    lock_screen_added: list[int] = field(default_factory=list)  # people now shown locked

    @property
    def summary(self) -> str:
        parts = [f"{_count(len(self.added_ids), 'person', 'people')} added"]
        if self.merged:
            parts.append(f"{len(self.merged)} joined with people already here")
        parts.append(_count(self.checkins_added, "check-in"))
        parts.append(_count(len(self.gratitude_ids), "gratitude entry", "gratitude entries"))
        if self.mood_ids:
            parts.append(_count(len(self.mood_ids), "mood entry", "mood entries"))
        if self.appointment_ids:
            parts.append(_count(len(self.appointment_ids), "appointment"))
        if self.ask_ids:
            parts.append(_count(len(self.ask_ids), "thing to ask about", "things to ask about"))
        if self.plan_before is not None:
            parts.append("the safety plan")
        if self.line_ids:
            parts.append(_count(len(self.line_ids), "crisis line"))
        if self.settings_before is not None:
            parts.append("your settings")
        return ", ".join(parts)


def _fresh(keys: set[tuple[object, ...]], have: set[tuple[object, ...]]
           ) -> set[tuple[object, ...]]:
    """The keys of records for people coming in (a target) that are not here yet."""
    return {key for key in keys if key[0] is not None and key not in have}


def _plural(count: int, one: str, many: str = "") -> str:
    return one if count == 1 else (many or one + "s")


def _count(count: int, one: str, many: str = "") -> str:
    return f"{count} {_plural(count, one, many)}"


def _match(row: PersonRow, same_name: list[Supporter]) -> None:
    """Propose the same person only with the same name *and* a contact in common."""
    keys = {_method_key(m) for m in row.person.contacts}
    for candidate in same_name:
        if keys & {_method_key(m) for m in candidate.contacts}:
            row.existing, row.shares_contact, row.action = candidate, True, PersonAction.SAME
            return
    row.existing = same_name[0] if same_name else None


class FullImportService:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- preview -----------------------------------------------------------------

    def preview(self, raw: bytes) -> FullImportPreview:
        """What importing ``raw`` would do. Writes nothing."""
        return self.preview_checked(read_and_check(raw))

    def preview_checked(self, checked: CheckedExport) -> FullImportPreview:
        """The preview of a file already read and checked: who is already here."""
        repo = self.session.repo
        existing = repo.supporters()
        vault_empty = (not existing and not repo.checkins(limit=1) and not repo.gratitude()
                       and not repo.mood_entries(limit=1))
        data = checked.data
        preview = FullImportPreview(data=data, people=checked.people,
                                    problems=list(checked.problems),
                                    use_settings=vault_empty, vault_was_empty=vault_empty)
        by_name: dict[str, list[Supporter]] = {}
        for supporter in existing:
            by_name.setdefault(normalised_name(supporter.name), []).append(supporter)
        for row in preview.people:
            if not row.problem:
                _match(row, by_name.get(normalised_name(row.person.name), []))
        have = {(line.country, line.name, line.contact) for line in repo.crisis_lines()
                if line.user_added}
        data.crisis_lines = [line for line in data.crisis_lines
                             if (line.country, line.name, line.contact) not in have]
        candidates = {row.existing.id or 0 for row in preview.people if row.existing}
        if existing or not vault_empty:
            preview.already_here = self._already_here(candidates)
        return preview

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
            fresh = fresh_checkins(data.checkins, vault_id, have.checkins)
            new_people = set(added)  # their check-ins go with them on undo: no ids kept
            repo.add_checkins([c for c in fresh if c.supporter_id in new_people], ids=False)
            outcome.checkin_ids = repo.add_checkins(
                [c for c in fresh if c.supporter_id not in new_people])
            outcome.checkins_added = len(fresh)
            outcome.gratitude_ids = repo.add_gratitude_entries(
                fresh_gratitude(data.gratitude, vault_id, have.gratitude))
            outcome.mood_ids = [repo.save_mood_entry(entry).id or 0
                                for entry in fresh_moods(data.moods, have.moods)]
            outcome.appointment_ids, outcome.ask_ids = import_appointments(data, vault_id)
            self._import_plan(preview, vault_id, outcome)
            outcome.line_ids = [repo.save_crisis_line(line).id or 0
                                for line in data.crisis_lines]
            if preview.use_settings and data.settings:
                outcome.settings_before = self._import_settings(data.settings)
            mine = meeting_rows.own_dates()
            more = [d for d in data.own_dates if d not in mine]
            if more:
                outcome.own_dates_before = mine
                meeting_rows.replace_own_dates(mine + more)
            outcome.words_before = import_words(repo, data)
            outcome.lock_screen_added = self._import_lock_screen(data, vault_id)
        return outcome

    def _import_lock_screen(self, data: ExportData, vault_id: dict[int, int]) -> list[int]:
        """Show on the lock screen those the file shows there; the ids newly shown."""
        settings = Settings(self.session.repo)
        shown: list[int] = settings.get(keys.SHOWN_WHEN_LOCKED)
        added = sorted({vault_id[n] for n in data.on_lock_screen if n in vault_id} - set(shown))
        if added:
            settings.set(keys.SHOWN_WHEN_LOCKED, sorted({*shown, *added}))
        return added

    def _already_here(self, people: set[int]) -> AlreadyHere:
        """The check-ins of ``people`` and all gratitude, to tell what the file repeats."""
        repo = self.session.repo
        every = FullExportService(self.session).checkins() if people else iter(())
        checkins = {(c.supporter_id, *_checkin_key(c)) for c in every if c.supporter_id in people}
        return AlreadyHere(checkins, {_gratitude_key(g, g.supporter_id)
                                      for g in repo.gratitude()},
                           {_plan_key(i) for i in repo.plan_items()},
                           {_mood_key(m) for m in repo.mood_entries()},
                           {(a.supporter_id, a.at.astimezone(UTC))
                            for a in appointments_repo.appointments()},
                           {(a.supporter_id, a.kind, a.text) for a in appointments_repo.asks()})

    def _join(self, preview: FullImportPreview, outcome: FullImportOutcome) -> dict[int, int]:
        """Give the people already here what the file adds; number in file -> their id."""
        repo = self.session.repo
        joined: dict[int, int] = {}
        before: dict[int, Supporter] = {}
        current: dict[int, Supporter] = {}
        for row in preview.people:
            if row.action is not PersonAction.SAME or row.existing is None:
                continue
            target = row.existing.id or 0
            here = current.setdefault(target, before.setdefault(target, repo.supporter(target)))
            updated = _joined(here, replace(row, existing=here))
            if updated != here:  # someone the file adds nothing to is left as they are
                current[target] = repo.update_supporter(updated)
            joined[row.person.id or 0] = target
        outcome.merged = [edit_of(before[target], current[target]) for target in current
                          if current[target] != before[target]]
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
            for mood_id in outcome.mood_ids:
                repo.delete_mood_entry(mood_id)
            undo_appointments(outcome.appointment_ids, outcome.ask_ids)
            repo.delete_checkins(outcome.checkin_ids)
            repo.delete_supporters(outcome.added_ids)
            for edit in outcome.merged:  # just what joining gave them; later changes stay
                repo.update_supporter(edit.undone(repo.supporter(edit.before.id or 0)))
            for line_id in outcome.line_ids:
                repo.delete_crisis_line(line_id)
            for name, raw in (outcome.settings_before or {}).items():
                repo.set_setting(name, raw)
            if outcome.own_dates_before is not None:
                meeting_rows.replace_own_dates(outcome.own_dates_before)
            undo_words(repo, outcome.words_before)
            if outcome.lock_screen_added:
                settings = Settings(repo)
                shown: list[int] = settings.get(keys.SHOWN_WHEN_LOCKED)
                settings.set(keys.SHOWN_WHEN_LOCKED,
                             [i for i in shown if i not in outcome.lock_screen_added])


def import_appointments(data: ExportData, vault_id: dict[int, int]
                        ) -> tuple[list[int], list[int]]:
    """The file's appointments and asks the vault does not have yet, for the people
    brought in or joined; their new ids."""
    have_at = {(a.supporter_id, a.at.astimezone(UTC)) for a in appointments_repo.appointments()}
    have_text = {(a.supporter_id, a.kind, a.text) for a in appointments_repo.asks()}
    appointment_ids, ask_ids = [], []
    for a in data.appointments:
        target = vault_id.get(a.supporter_id)
        if target is not None and (target, a.at.astimezone(UTC)) not in have_at:
            have_at.add((target, a.at.astimezone(UTC)))
            saved = appointments_repo.save_appointment(replace(a, supporter_id=target))
            appointment_ids.append(saved.id or 0)
    for item in data.asks:
        target = vault_id.get(item.supporter_id)
        if target is not None and (target, item.kind, item.text) not in have_text:
            have_text.add((target, item.kind, item.text))
            created = item.created or data.exported_at
            saved_ask = appointments_repo.save_ask(replace(item, supporter_id=target,
                                                           created=created))
            ask_ids.append(saved_ask.id or 0)
    return appointment_ids, ask_ids


def undo_appointments(appointment_ids: list[int], ask_ids: list[int]) -> None:
    """Take out what ``import_appointments`` brought (some may have gone with their person)."""
    appointments_repo.delete_many(appointment_ids, ask_ids)


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
        meetings=here.meetings or theirs.meetings,
        dates=merged_dates(here.dates, theirs.dates),
        help_with=clean_kinds([*here.help_with, *theirs.help_with]),
    )
