"""The full import's share of message templates and kinds of help.

A file's templates that the vault lacks (the same words, ignoring case and spacing) are
added after the vault's own; its kinds of help join the person's list. A list the vault
still holds as SupportDesk starts it (nobody has changed it) gives way to the file's
whole list instead, so an export imported into a new vault exports again the same.
Undo puts both lists back as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from supportdesk.core.help_kinds import DEFAULT_HELP_KINDS, kind_key
from supportdesk.core.messages import DEFAULT_TEMPLATES, MessageTemplate
from supportdesk.formats.supportdesk_json import ExportData
from supportdesk.services.templates import TemplatesService
from supportdesk.store.repository import Repository


@dataclass
class WordsBefore:
    """The lists as they were; None where the import left one alone."""

    templates: list[MessageTemplate] | None = None
    help_kinds: tuple[str, ...] | None = None


def fresh_templates(have: list[MessageTemplate],
                    theirs: list[MessageTemplate]) -> list[MessageTemplate]:
    known = {kind_key(t.text) for t in have}
    fresh = []
    for template in theirs:
        key = kind_key(template.text)
        if key and key not in known:
            known.add(key)
            # the vault's own mark for hard times stands
            fresh.append(replace(template, id=None,
                                 hard_time=template.hard_time and not have))
    return fresh


def import_words(repo: Repository, data: ExportData) -> WordsBefore:
    service = TemplatesService(repo)
    before = WordsBefore()
    have = service.templates()
    if data.templates and _as_shipped(have):
        before.templates = have
        service.save([replace(t, id=None) for t in data.templates])
    elif fresh := fresh_templates(have, data.templates):
        before.templates = have
        service.save([*have, *fresh])
    listed = service.listed_help_kinds()
    known = {kind_key(k) for k in listed}
    if data.help_kinds and listed == DEFAULT_HELP_KINDS and listed != tuple(data.help_kinds):
        before.help_kinds = listed
        service.set_help_kinds(data.help_kinds)
    elif any(kind_key(k) not in known for k in data.help_kinds):
        before.help_kinds = listed
        service.set_help_kinds([*listed, *data.help_kinds])
    return before


def _as_shipped(templates: list[MessageTemplate]) -> bool:
    """Whether the list is still the one SupportDesk starts with."""
    return [replace(t, id=None) for t in templates] == list(DEFAULT_TEMPLATES)


def undo_words(repo: Repository, before: WordsBefore) -> None:
    service = TemplatesService(repo)
    if before.templates is not None:
        repo.replace_message_templates(before.templates)
    if before.help_kinds is not None:
        service.set_help_kinds(before.help_kinds)
