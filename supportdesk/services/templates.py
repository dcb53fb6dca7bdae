"""Message templates and the kinds of help: the person's own lists, kept in the vault.

Templates are saved as a whole list (add, edit, remove and reorder are one save each,
and an undo puts the list back as it was). The kinds of help are a setting (a JSON
list); who offers what is part of each supporter.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo

from supportdesk.core.errors import ValidationError
from supportdesk.core.help_kinds import DEFAULT_HELP_KINDS, clean_kinds, kinds_in_use, who_can_help
from supportdesk.core.kinds import PlanStep
from supportdesk.core.messages import (
    SUBJECT_LIMIT,
    TEMPLATE_LIMIT,
    MessageTemplate,
    hard_time_template,
    message_ways,
)
from supportdesk.core.model import ContactMethod, PlanItem, Supporter
from supportdesk.core.validation import check_length, clean_line, clean_text
from supportdesk.services.settings import Key, Settings
from supportdesk.store.repository import Repository

MAX_TEMPLATES = 50


def _parse_kinds(text: str) -> tuple[str, ...]:
    found = json.loads(text)
    if not isinstance(found, list):
        raise ValueError("not a list")
    return clean_kinds(k for k in found if isinstance(k, str))


HELP_KINDS: Key[tuple[str, ...]] = Key(
    "help.kinds", DEFAULT_HELP_KINDS, _parse_kinds,
    lambda kinds: json.dumps(list(kinds), ensure_ascii=False))


def cleaned_templates(templates: Sequence[MessageTemplate]) -> list[MessageTemplate]:
    """Tidied and checked (ValidationError naming ``templates.N``); one hard-time mark
    at most (the first); blank ones refused rather than silently dropped."""
    if len(templates) > MAX_TEMPLATES:
        raise ValidationError(f"Up to {MAX_TEMPLATES} messages can be kept.",
                              field="templates")
    kept: list[MessageTemplate] = []
    marked = False
    for index, template in enumerate(templates):
        text, subject = clean_text(template.text), clean_line(template.subject)
        where = f"templates.{index}"
        if not text:
            raise ValidationError("Write a few words for this message, or remove it.",
                                  field=where)
        problem = check_length(text, TEMPLATE_LIMIT) or check_length(subject, SUBJECT_LIMIT)
        if problem:
            raise ValidationError(problem, field=where)
        hard_time = template.hard_time and not marked
        marked = marked or hard_time
        kept.append(replace(template, text=text, subject=subject, hard_time=hard_time))
    return kept


def people_to_message(plan: Mapping[PlanStep, Sequence[PlanItem]],
                      supporters: Sequence[Supporter]) -> list[tuple[Supporter, ContactMethod]]:
    """The people the safety plan names to ask for help, each once, in the plan's order,
    with the best way to send them a message (those with no number or address are left
    out)."""
    by_id = {s.id: s for s in supporters}
    found: list[tuple[Supporter, ContactMethod]] = []
    seen: set[int] = set()
    for item in plan.get(PlanStep.ASK_FOR_HELP, ()):
        supporter = by_id.get(item.supporter_id)
        if supporter is None or supporter.id is None or supporter.id in seen:
            continue
        seen.add(supporter.id)
        ways = message_ways(supporter)
        if ways:
            found.append((supporter, ways[0]))
    return found


class TemplatesService:
    """Reads of the templates and the kinds of help; the writes the use cases call."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.settings = Settings(repo)

    def templates(self) -> list[MessageTemplate]:
        return self.repo.message_templates()

    def hard_time(self) -> MessageTemplate:
        return hard_time_template(self.templates())

    def save(self, templates: Sequence[MessageTemplate]) -> list[MessageTemplate]:
        return self.repo.replace_message_templates(cleaned_templates(templates))

    # -- kinds of help -----------------------------------------------------------

    def help_kinds(self) -> tuple[str, ...]:
        """The person's list, then any kind someone is tagged with that it lacks."""
        listed: tuple[str, ...] = self.settings.get(HELP_KINDS)
        return kinds_in_use(listed, self.repo.supporter_heads())

    def listed_help_kinds(self) -> tuple[str, ...]:
        """The list as the person keeps it (without kinds only found on people)."""
        return self.settings.get(HELP_KINDS)

    def set_help_kinds(self, kinds: Sequence[str]) -> tuple[str, ...]:
        cleaned = clean_kinds(kinds)
        self.settings.set(HELP_KINDS, cleaned)
        return cleaned

    def who_can_help(self, kind: str, now: datetime,
                     zone: tzinfo) -> list[tuple[Supporter, bool]]:
        return who_can_help(self.repo.supporters(), kind, now, zone)
