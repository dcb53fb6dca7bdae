"""Importing contacts from vCard files and Google or Outlook CSV exports: preview first,
then one transaction, one undo.

``preview`` reads the file and compares each card with the people already in the
network and with the cards before it (name, phone number, email address); nothing is
written. A shared phone or email is only a *possible* match, shown and added as a new
person; the same name (case and accents aside) with a shared phone or email is proposed
as the same person. The person chooses for every match; no card is merged unseen. ``apply``
writes every chosen row in one transaction — a failure leaves the vault exactly as it
was — and returns an ``ImportOutcome`` that ``undo`` reverses exactly: it takes out the
people it added and, from the people it updated, just the details it gave them (an
``Edit``), so a snooze, pause or edit made since stays.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum

from supportdesk.core.errors import ValidationError
from supportdesk.core.field_changes import Edit, edit_of
from supportdesk.core.kinds import ContactType, Kind, Ring, Role
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.core.validation import (
    LONG_TEXT_LIMIT,
    NAME_LIMIT,
    check_contact,
    check_timezone,
    ensure_valid,
    problems,
)
from supportdesk.formats.contact_files import read_contacts
from supportdesk.formats.vcard import (
    UNNAMED,
    CardProblem,
    ParsedContact,
    Progress,
    ReadResult,
)
from supportdesk.formats.vcard_dates import merged as merged_dates
from supportdesk.services.network import cleaned_supporter
from supportdesk.services.session import Session

__all__ = ["Action", "ImportOutcome", "ImportPreview", "ImportRow", "ImportService",
           "ReadResult", "read_contacts"]  # the GUI reads files through here, not formats/

PHONE_KEY_DIGITS = 9  # enough to match "+44 7700 900123" with "07700 900123"
MIN_PHONE_DIGITS = 6


MAX_MATCHES = 5  # possible matches shown per card; a shared switchboard stays readable
SAME_PERSON_REASONS = {"phone": "phone number", "email": "email address"}
METHOD_WORDS = {ContactType.PHONE: "phone number", ContactType.SMS: "text number",
                ContactType.EMAIL: "email", ContactType.WEB: "web address",
                ContactType.ADDRESS: "address"}


class Action(StrEnum):
    ADD = "add"
    MERGE = "merge"  # add the new details to the matched person (``ImportRow.target``)
    SKIP = "skip"

    @property
    def label(self) -> str:
        return {"add": "Add as a new person", "merge": "Update", "skip": "Leave out"}[
            self.value]


@dataclass(eq=False)
class Match:
    """Someone a card may be: a person already in the network or an earlier card."""

    shared: frozenset[str]  # of "name", "phone", "email"
    existing: Supporter | None = None
    earlier: ImportRow | None = field(default=None, repr=False)

    @property
    def same_person(self) -> bool:
        """The same name and a shared phone or email: proposed, never assumed."""
        return "name" in self.shared and len(self.shared) > 1

    @property
    def name(self) -> str:
        if self.existing is not None:
            return self.existing.name
        assert self.earlier is not None
        return self.earlier.contact.name

    @property
    def choice(self) -> str:
        if self.existing is not None:
            return f"update:{self.existing.id}"
        assert self.earlier is not None
        return f"card:{self.earlier.contact.card}"

    @property
    def label(self) -> str:
        if self.existing is not None:
            return f"Update {self.name}"
        assert self.earlier is not None
        earlier = self.earlier.contact
        return f"Same person as {earlier.entry} {earlier.card} ({self.name})"

    @property
    def reason(self) -> str:
        details = [SAME_PERSON_REASONS[key] for key in ("phone", "email") if key in self.shared]
        if "name" in self.shared:
            return "same name" + (f" and {' and '.join(details)}" if details else "")
        article = "an" if details[0][0] in "aeiou" else "a"
        return f"shares {article} {' and '.join(details)}"

    @property
    def words(self) -> str:
        where = "" if self.existing is not None or self.earlier is None else \
            f"{self.earlier.contact.entry} {self.earlier.contact.card} in this file: "
        return f"{where}{self.name} ({self.reason})"


@dataclass(eq=False)
class ImportRow:
    contact: ParsedContact
    kind: Kind
    action: Action = Action.ADD
    matches: list[Match] = field(default_factory=list)
    target: Match | None = None  # whom MERGE updates
    notes: str = ""  # the card's note (with its job title and organisation), cleaned
    issues: list[str] = field(default_factory=list)  # what was left out, and why
    refused: bool = False  # the card cannot be imported as it is (only "Leave out")

    @property
    def duplicate_of(self) -> Supporter | None:
        """The person already in the network this card will update, if any."""
        if self.action is Action.MERGE and self.target is not None:
            return self.target.existing
        return None

    @property
    def choice(self) -> str:
        if self.action is Action.MERGE and self.target is not None:
            return self.target.choice
        return self.action.value

    @property
    def choice_label(self) -> str:
        if self.action is Action.MERGE and self.target is not None:
            return self.target.label
        return self.action.label

    def choices(self) -> list[tuple[str, str]]:
        """What this card can become, as (value, label): new, each match, left out."""
        if self.refused:
            return [(Action.SKIP.value, Action.SKIP.label)]
        return ([(Action.ADD.value, Action.ADD.label)]
                + [(m.choice, m.label) for m in self.matches]
                + [(Action.SKIP.value, Action.SKIP.label)])

    def choose(self, value: str) -> bool:
        """Take one of ``choices()``; False (and nothing changes) for anything else."""
        if self.refused and value != Action.SKIP.value:
            return False
        if value in (Action.ADD.value, Action.SKIP.value):
            self.action, self.target = Action(value), None
            return True
        for match in self.matches:
            if match.choice == value:
                self.action, self.target = Action.MERGE, match
                return True
        return False

    def new_methods(self, have: list[ContactMethod]) -> list[ContactMethod]:
        """This card's contact methods that are not among ``have`` yet."""
        keys = {_method_key(m) for m in have}
        fresh: list[ContactMethod] = []
        for method in self.contact.contacts:
            key = _method_key(method)
            if key not in keys:
                keys.add(key)
                fresh.append(method)
        return fresh


@dataclass
class ImportPreview:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[CardProblem] = field(default_factory=list)
    cancelled: bool = False

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def updating(self) -> int:
        """Cards that will add their details to someone already in the network."""
        return sum(1 for row in self.rows if row.duplicate_of is not None)

    @property
    def combining(self) -> int:
        """Cards that will be joined to an earlier card in this file."""
        return self.count(Action.MERGE) - self.updating

    @property
    def possible_matches(self) -> int:
        """Cards that look like someone else but will be added as a new person."""
        return sum(1 for row in self.rows if row.matches and row.action is Action.ADD)

    def issue_lines(self) -> list[str]:
        """Every detail left out of a card (or card left out), with the card and its reason."""
        return [f"{row.contact.entry.capitalize()} {row.contact.card} "
                f"(line {row.contact.line}): {issue}"
                for row in self.rows for issue in row.issues]

    def match_lines(self, limit: int = 20) -> list[str]:
        """Each card that matched someone, what it matched and what will happen, in words."""
        lines = []
        matched = [row for row in self.rows if row.matches]
        for row in matched[:limit]:
            card = f"{row.contact.entry.capitalize()} {row.contact.card} ({row.contact.name})"
            if row.action is Action.MERGE and row.target is not None:
                lines.append(f"{card}: {row.target.label[0].lower()}{row.target.label[1:]}, "
                             f"{row.target.reason}.")
            else:
                might = "; ".join(m.words for m in row.matches)
                what = "left out" if row.action is Action.SKIP else "added as a new person"
                lines.append(f"{card}: {what}; might be {might}.")
        if len(matched) > limit:
            lines.append(f"…and {len(matched) - limit} more that match someone.")
        return lines


@dataclass
class ImportOutcome:
    added_ids: list[int] = field(default_factory=list)
    merged: list[Edit[Supporter]] = field(default_factory=list)  # what each update changed
    skipped: int = 0

    @property
    def summary(self) -> str:
        parts = [f"{len(self.added_ids)} added"]
        if self.merged:
            parts.append(f"{len(self.merged)} updated")
        if self.skipped:
            parts.append(f"{self.skipped} left out")
        return ", ".join(parts)


def normalised_name(name: str) -> str:
    """The name as matching sees it: case, accents and punctuation set aside."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def phone_key(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


def _method_key(method: ContactMethod) -> tuple[str, str]:
    if method.type in (ContactType.PHONE, ContactType.SMS):
        return method.type.value, phone_key(method.value) or method.value.strip()
    if method.type is ContactType.EMAIL:
        return method.type.value, method.value.strip().casefold()
    return method.type.value, " ".join(method.value.casefold().split())


def _contact_keys(contacts: list[ContactMethod]) -> list[tuple[str, str]]:
    """("phone", digits) and ("email", address) for the methods that can match."""
    keys: dict[tuple[str, str], None] = {}
    for method in contacts:
        if method.type in (ContactType.PHONE, ContactType.SMS):
            digits = phone_key(method.value)
            if digits:
                keys["phone", digits] = None
        elif method.type is ContactType.EMAIL and method.value.strip():
            keys["email", method.value.strip().casefold()] = None
    return list(keys)


Target = Supporter | ImportRow


class _Index:
    """People and earlier cards by name, by phone or email, and by name with either.

    Lists are capped so a number shared by thousands (a switchboard) stays quick; the
    name-with-contact index is exact, so a same-person match is never lost to the cap.
    """

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], list[Target]] = {}

    def _put(self, key: tuple[str, str], entry: Target) -> None:
        entries = self.by_key.setdefault(key, [])
        if len(entries) < MAX_MATCHES:
            entries.append(entry)

    def add(self, name: str, contacts: list[ContactMethod], entry: Target) -> None:
        keys = _contact_keys(contacts)
        for key in keys:
            self._put(key, entry)
        if name:
            self._put(("name", name), entry)
            for kind, value in keys:
                self._put((f"name+{kind}", f"{name}\n{value}"), entry)

    def matches(self, name: str, contacts: list[ContactMethod]) -> list[Match]:
        shared: dict[int, tuple[Target, set[str]]] = {}

        def found(key: tuple[str, str], what: set[str]) -> None:
            for entry in self.by_key.get(key, ()):
                shared.setdefault(id(entry), (entry, set()))[1].update(what)

        keys = _contact_keys(contacts)
        if name:
            for kind, value in keys:
                found((f"name+{kind}", f"{name}\n{value}"), {"name", kind})
            found(("name", name), {"name"})
        for key in keys:
            found(key, {key[0]})
        matches = [
            Match(frozenset(what), existing=entry) if isinstance(entry, Supporter)
            else Match(frozenset(what), earlier=entry)
            for entry, what in shared.values()
        ]
        matches.sort(key=lambda m: (not m.same_person, m.existing is None, -len(m.shared)))
        return matches[:MAX_MATCHES]


def _kind_for(contact: ParsedContact, default: Kind, suggest_professional: bool) -> Kind:
    """The file's own kind (our exports); an organisation's likely kind; a professional
    when the card looks like one and no kind was chosen; else the chosen default."""
    if contact.kind is not None:
        return contact.kind
    if contact.organisation_kind is not None:
        return contact.organisation_kind
    if suggest_professional and contact.looks_professional:
        return Kind.PROFESSIONAL
    return default


def _notes_for(contact: ParsedContact) -> str:
    """The card's note, after its job title and role, organisation and nickname, which
    a supporter has no fields of their own for: "Consultant (Lead) — Riverside Clinic"."""
    job = contact.title
    if contact.job_role and contact.job_role.casefold() != job.casefold():
        job = f"{job} ({contact.job_role})" if job else contact.job_role
    organisation = contact.organisation
    if normalised_name(organisation) == normalised_name(contact.name):
        organisation = ""  # an organisation's own card
    work = " — ".join(part for part in (job, organisation) if part)
    known_as = f"Known as {contact.nickname}" if contact.nickname else ""
    return "\n\n".join(part for part in (work, known_as, contact.notes) if part)


class ImportService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def preview(self, data: bytes, default_kind: Kind = Kind.FRIEND,
                progress: Progress | None = None, suggest_professional: bool = True
                ) -> ImportPreview:
        """What importing ``data`` would do, card by card; writes nothing."""
        return self.preview_read(read_contacts(data, progress), default_kind,
                                 suggest_professional)

    def preview_read(self, read: ReadResult, default_kind: Kind = Kind.FRIEND,
                     suggest_professional: bool = True) -> ImportPreview:
        """``preview`` for cards already read (the GUI reads them off its own thread).

        A card sharing a phone or email with someone is shown with that possible match
        and still added as a new person; only the same name with a shared phone or
        email is proposed as the same person. Every proposal can be changed per row.
        """
        result = ImportPreview(problems=read.problems, cancelled=read.cancelled)
        if read.cancelled:
            return result
        index = _Index()
        for supporter in self.session.network.supporters():
            index.add(normalised_name(supporter.name), supporter.contacts, supporter)
        for contact in read.contacts:
            row = _checked_row(contact, _kind_for(contact, default_kind, suggest_professional))
            if row.refused:
                result.rows.append(row)
                continue
            name = "" if row.contact.name_missing else normalised_name(row.contact.name)
            row.matches = index.matches(name, row.contact.contacts)
            row.target = next((m for m in row.matches if m.same_person), None)
            row.action = Action.ADD if row.target is None else Action.MERGE
            index.add(name, row.contact.contacts, row)
            result.rows.append(row)
        return result

    def apply(self, preview: ImportPreview) -> ImportOutcome:
        """Write the chosen rows in one transaction; all or nothing."""
        outcome = ImportOutcome()
        repo = self.session.repo
        now = self.session.clock()
        before: dict[int, Supporter] = {}  # several cards may update one supporter
        merged: dict[int, Supporter] = {}
        to_add: list[Supporter] = []
        cards: list[int] = []  # the card each new person came from, to name a refusal
        goes_to: dict[int, int | Supporter] = {}  # row -> index in to_add, or a supporter
        with repo.db.atomic():
            for row in preview.rows:
                if row.action is Action.SKIP or row.refused:
                    outcome.skipped += 1
                    continue
                destination = self._destination(row, goes_to)
                if destination is None:
                    goes_to[id(row)] = len(to_add)
                    to_add.append(self._supporter_for(row))
                    cards.append(row.contact.card)
                elif isinstance(destination, int):
                    goes_to[id(row)] = destination
                    to_add[destination] = _combined(to_add[destination], row)
                else:
                    target_id = destination.id
                    assert target_id is not None
                    current = merged.get(target_id) or before.setdefault(
                        target_id, repo.supporter(target_id))
                    fresh = row.new_methods(current.contacts)
                    _ensure_contacts_valid(fresh, row.contact.card)
                    updated = replace(current, contacts=current.contacts + fresh,
                                      dates=merged_dates(current.dates, row.contact.dates))
                    merged[target_id] = repo.update_supporter(updated)
                    goes_to[id(row)] = merged[target_id]
            for supporter, card in zip(to_add, cards, strict=True):
                _ensure_card_valid(supporter, card)  # cleaned in the preview; checked again
            outcome.added_ids = repo.add_supporters(to_add, now=now)
            outcome.merged = [edit_of(before[target], merged[target]) for target in merged]
        return outcome

    @staticmethod
    def _destination(row: ImportRow, goes_to: dict[int, int | Supporter]
                     ) -> int | Supporter | None:
        """Where a row's details go: a new person (None), an earlier new one, or someone."""
        if row.action is not Action.MERGE or row.target is None:
            return None
        if row.target.existing is not None:
            return row.target.existing
        # an earlier card: wherever it went; left out, this card is added as itself
        return goes_to.get(id(row.target.earlier))

    def undo(self, outcome: ImportOutcome) -> None:
        """Remove exactly what ``apply`` added, and take back the details it gave people."""
        repo = self.session.repo
        with repo.db.atomic():
            for supporter_id in outcome.added_ids:
                repo.delete_supporter(supporter_id)
            for edit in outcome.merged:
                repo.update_supporter(edit.undone(repo.supporter(edit.before.id or 0)))

    @staticmethod
    def _supporter_for(row: ImportRow) -> Supporter:
        contact = row.contact
        return Supporter(
            name=contact.name,
            kind=row.kind,
            role=contact.role if row.kind is Kind.PROFESSIONAL else Role.NONE,
            ring=contact.ring or Ring.MIDDLE,
            contacts=list(contact.contacts),
            timezone=contact.timezone,
            notes=row.notes,
            dates=list(contact.dates),
        )


def _combined(supporter: Supporter, row: ImportRow) -> Supporter:
    """A new person with a second card's details added (the person chose to join them)."""
    notes = supporter.notes
    if row.notes and row.notes not in notes:
        joined = "\n\n".join(part for part in (notes, row.notes) if part)
        notes = joined if len(joined) <= LONG_TEXT_LIMIT else notes
    return replace(
        supporter,
        contacts=supporter.contacts + row.new_methods(supporter.contacts),
        timezone=supporter.timezone or row.contact.timezone,
        notes=notes,
        dates=merged_dates(supporter.dates, row.contact.dates),
    )


def _refused(card: int, error: ValidationError) -> ValidationError:
    return ValidationError(f"Nothing was imported: card {card} cannot be saved as it is. "
                           f"{error.message}", field=error.field)


def _ensure_card_valid(supporter: Supporter, card: int) -> None:
    try:
        ensure_valid(supporter)
    except ValidationError as error:
        raise _refused(card, error) from None


def _ensure_contacts_valid(methods: list[ContactMethod], card: int) -> None:
    for method in methods:
        message = check_contact(method)
        if message:
            raise _refused(card, ValidationError(message, field="contacts"))


def _shown(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _checked_row(contact: ParsedContact, kind: Kind) -> ImportRow:
    """The card cleaned and checked as the editor does; what cannot be kept is left out.

    A contact method, note or time zone the editor would refuse is dropped with its
    reason; a name it would refuse leaves the whole card out (only "Leave out" remains).
    """
    draft = cleaned_supporter(Supporter(contact.name, Kind.FRIEND,
                                        contacts=list(contact.contacts),
                                        notes=_notes_for(contact)))
    found = problems(draft)
    row = ImportRow(contact=contact, kind=kind)
    name, name_missing = draft.name, contact.name_missing
    if not name:
        name, name_missing = f"{UNNAMED} {contact.card}", True
    elif "name" in found:
        row.refused, row.action = True, Action.SKIP
        row.issues.append(f"This {contact.entry} is left out: the name is {len(name):,} characters "
                          f"long, and a name can hold {NAME_LIMIT} at most.")
        name = _shown(name)
    kept: list[ContactMethod] = []
    reported: set[str] = set()
    for number, method in enumerate(draft.contacts):
        message = found.get(f"contacts.{number}")
        if not message:
            kept.append(method)
        elif method.value and method.value not in reported:
            reported.add(method.value)
            row.issues.append(f"The {METHOD_WORDS[method.type]} “{_shown(method.value)}” "
                              f"was left out: {message[:1].lower()}{message[1:]}")
    row.notes = draft.notes
    if "notes" in found:
        row.notes = ""
        row.issues.append(f"The note was left out: it is {len(draft.notes):,} characters "
                          f"long, and notes can hold {LONG_TEXT_LIMIT:,} at most.")
    timezone = contact.timezone
    if check_timezone(timezone):
        row.issues.append(f"The time zone “{_shown(timezone)}” was left out: it is not a "
                          "time zone SupportDesk knows (like Europe/London).")
        timezone = ""
    contact.name, contact.name_missing, contact.contacts = name, name_missing, kept
    contact.timezone = timezone
    return row
