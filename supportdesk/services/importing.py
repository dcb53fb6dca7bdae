"""Importing contacts from vCard files: preview first, then one transaction, one undo.

``preview`` reads the file and compares each card with the people already in the
network (same name, phone number or email address); nothing is written. ``apply``
writes every chosen row in one transaction — a failure leaves the vault exactly as it
was — and returns an ``ImportOutcome`` that ``undo`` reverses exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Generic, TypeVar

from supportdesk.core.kinds import ContactType, Kind, Ring, Role
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.formats.vcard import (
    CardProblem,
    ParsedContact,
    Progress,
    ReadResult,
    read_vcards,
)
from supportdesk.services.session import Session

__all__ = ["Action", "ImportOutcome", "ImportPreview", "ImportRow", "ImportService",
           "ReadResult", "read_vcards"]  # the GUI reads cards through here, not formats/

T = TypeVar("T")
PHONE_KEY_DIGITS = 9  # enough to match "+44 7700 900123" with "07700 900123"
MIN_PHONE_DIGITS = 6


class Action(StrEnum):
    ADD = "add"
    MERGE = "merge"  # add the new contact methods to the existing supporter
    SKIP = "skip"

    @property
    def label(self) -> str:
        return {"add": "Add", "merge": "Merge", "skip": "Skip"}[self.value]


@dataclass
class ImportRow:
    contact: ParsedContact
    kind: Kind
    action: Action = Action.ADD
    duplicate_of: Supporter | None = None
    matched_on: str = ""  # "name", "phone" or "email"

    @property
    def new_methods(self) -> list[ContactMethod]:
        """Contact methods the existing supporter does not have yet."""
        if self.duplicate_of is None:
            return list(self.contact.contacts)
        have = {_method_key(m) for m in self.duplicate_of.contacts}
        fresh: list[ContactMethod] = []
        for method in self.contact.contacts:
            key = _method_key(method)
            if key not in have:
                have.add(key)
                fresh.append(method)
        return fresh


@dataclass
class ImportPreview:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[CardProblem] = field(default_factory=list)
    cancelled: bool = False
    combined: int = 0  # cards folded into an earlier card for the same person

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def combined_words(self) -> str:
        if not self.combined:
            return ""
        were = "cards were" if self.combined != 1 else "card was"
        return (f"{self.combined} repeated {were} combined with the first card "
                "for the same person.")


@dataclass
class ImportOutcome:
    added_ids: list[int] = field(default_factory=list)
    merged_before: list[Supporter] = field(default_factory=list)  # as they were
    skipped: int = 0

    @property
    def summary(self) -> str:
        parts = [f"{len(self.added_ids)} added"]
        if self.merged_before:
            parts.append(f"{len(self.merged_before)} merged")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return ", ".join(parts)


def normalised_name(name: str) -> str:
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


class _Index(Generic[T]):
    """Finds an entry by normalised name, phone digits or email address."""

    def __init__(self) -> None:
        self.names: dict[str, T] = {}
        self.phones: dict[str, T] = {}
        self.emails: dict[str, T] = {}

    def add(self, name: str, contacts: list[ContactMethod], entry: T) -> None:
        if name:
            self.names.setdefault(normalised_name(name), entry)
        for method in contacts:
            if method.type in (ContactType.PHONE, ContactType.SMS):
                key = phone_key(method.value)
                if key:
                    self.phones.setdefault(key, entry)
            elif method.type is ContactType.EMAIL:
                self.emails.setdefault(method.value.strip().casefold(), entry)

    def match(self, contact: ParsedContact) -> tuple[T | None, str]:
        if not contact.name_missing:
            found = self.names.get(normalised_name(contact.name))
            if found is not None:
                return found, "name"
        for method in contact.contacts:
            if method.type in (ContactType.PHONE, ContactType.SMS):
                found = self.phones.get(phone_key(method.value))
                if found is not None:
                    return found, "phone"
            elif method.type is ContactType.EMAIL:
                found = self.emails.get(method.value.strip().casefold())
                if found is not None:
                    return found, "email"
        return None, ""


def _combine(into: ParsedContact, other: ParsedContact) -> None:
    """Fold a second card for the same person into the first (phones often hold two)."""
    have = {_method_key(m) for m in into.contacts}
    into.contacts += [m for m in other.contacts if _method_key(m) not in have]
    if other.notes and other.notes not in into.notes:
        into.notes = "\n\n".join(part for part in (into.notes, other.notes) if part)
    into.timezone = into.timezone or other.timezone
    into.title = into.title or other.title
    into.organisation = into.organisation or other.organisation


def _kind_for(contact: ParsedContact, default: Kind, suggest_professional: bool) -> Kind:
    if contact.kind is not None:
        return contact.kind
    if suggest_professional and contact.looks_professional:
        return Kind.PROFESSIONAL
    return default


def _notes_for(contact: ParsedContact) -> str:
    work = " — ".join(part for part in (contact.title, contact.organisation) if part)
    return "\n\n".join(part for part in (work, contact.notes) if part)


class ImportService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def preview(self, data: bytes, default_kind: Kind = Kind.FRIEND,
                progress: Progress | None = None, suggest_professional: bool = True
                ) -> ImportPreview:
        """What importing ``data`` would do; duplicates default to merge. Writes nothing."""
        return self.preview_read(read_vcards(data, progress), default_kind,
                                 suggest_professional)

    def preview_read(self, read: ReadResult, default_kind: Kind = Kind.FRIEND,
                     suggest_professional: bool = True) -> ImportPreview:
        """``preview`` for cards already read (the GUI reads them off its own thread)."""
        result = ImportPreview(problems=read.problems, cancelled=read.cancelled)
        if read.cancelled:
            return result
        existing_index: _Index[Supporter] = _Index()
        for supporter in self.session.network.supporters():
            existing_index.add(supporter.name, supporter.contacts, supporter)
        new_index: _Index[ImportRow] = _Index()
        for contact in read.contacts:
            existing, matched_on = existing_index.match(contact)
            if existing is None:
                earlier, _ = new_index.match(contact)
                if earlier is not None:
                    _combine(earlier.contact, contact)
                    new_index.add("", earlier.contact.contacts, earlier)
                    result.combined += 1
                    continue
            row = ImportRow(
                contact=contact,
                kind=_kind_for(contact, default_kind, suggest_professional),
                action=Action.ADD if existing is None else Action.MERGE,
                duplicate_of=existing,
                matched_on=matched_on,
            )
            if existing is None:
                new_index.add("" if contact.name_missing else contact.name, contact.contacts,
                              row)
            result.rows.append(row)
        return result

    def apply(self, preview: ImportPreview) -> ImportOutcome:
        """Write the chosen rows in one transaction; all or nothing."""
        outcome = ImportOutcome()
        repo = self.session.repo
        now = self.session.clock()
        merged: dict[int, Supporter] = {}  # two cards may merge into one supporter
        to_add: list[Supporter] = []
        with repo.db.atomic():
            for row in preview.rows:
                if row.action is Action.SKIP:
                    outcome.skipped += 1
                elif row.action is Action.MERGE and row.duplicate_of is not None:
                    target_id = row.duplicate_of.id
                    assert target_id is not None
                    current = merged.get(target_id) or repo.supporter(target_id)
                    if target_id not in merged:
                        outcome.merged_before.append(current)
                    row_now = replace(row, duplicate_of=current)
                    updated = replace(current, contacts=current.contacts + row_now.new_methods)
                    merged[target_id] = repo.update_supporter(updated)
                else:
                    to_add.append(self._supporter_for(row))
            outcome.added_ids = repo.add_supporters(to_add, now=now)
        return outcome

    def undo(self, outcome: ImportOutcome) -> None:
        """Remove exactly what ``apply`` added and put merged supporters back as they were."""
        repo = self.session.repo
        with repo.db.atomic():
            for supporter_id in outcome.added_ids:
                repo.delete_supporter(supporter_id)
            for before in outcome.merged_before:
                repo.update_supporter(before)

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
            notes=_notes_for(contact),
        )
