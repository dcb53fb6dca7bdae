"""The full import's share of message templates and kinds of help.

A file's templates that the vault lacks (the same words, ignoring case and spacing) are
added after the vault's own; its kinds of help join the person's list. Undo puts both
lists back as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from supportdesk.core.help_kinds import kind_key
from supportdesk.core.messages import MessageTemplate
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
    fresh = fresh_templates(have, data.templates)
    if fresh:
        before.templates = have
        service.save([*have, *fresh])
    listed = service.listed_help_kinds()
    known = {kind_key(k) for k in listed}
    if any(kind_key(k) not in known for k in data.help_kinds):
        before.help_kinds = listed
        service.set_help_kinds([*listed, *data.help_kinds])
    return before


def undo_words(repo: Repository, before: WordsBefore) -> None:
    service = TemplatesService(repo)
    if before.templates is not None:
        repo.replace_message_templates(before.templates)
    if before.help_kinds is not None:
        service.set_help_kinds(before.help_kinds)
