"""Words ready when they are hard to find: message templates and the links that carry them.

A template is a few words the person keeps ready ("I'm having a hard time. Could you
call me when you can?"). Sent by text it becomes ``sms:NUMBER?body=…``, by email
``mailto:ADDRESS?subject=…&body=…``; every character of the words is percent-encoded
(UTF-8), so markup, ampersands, question marks and new lines arrive as typed and can
never add a field of their own to the link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod, Supporter

TEMPLATE_LIMIT = 2_000  # a text or a short email, not a letter
SUBJECT_LIMIT = 200
# Ways a message can go: a text (to a text number, or a phone number: most are mobiles)
# or an email.
MESSAGE_TYPES = (ContactType.SMS, ContactType.PHONE, ContactType.EMAIL)
FALLBACK_HARD_TIME = "I'm having a hard time. Could you call me when you can?"


@dataclass(frozen=True)
class MessageTemplate:
    """Words kept ready; ``hard_time`` marks the one "Send to my people" sends."""

    text: str
    subject: str = ""  # for an email
    hard_time: bool = False
    id: int | None = None


DEFAULT_TEMPLATES = (
    MessageTemplate(FALLBACK_HARD_TIME, "Could you call me?", hard_time=True),
    MessageTemplate("Thinking of you — how are you doing?", "Thinking of you"),
    MessageTemplate("Thank you for …", "Thank you"),
)


def hard_time_template(templates: Sequence[MessageTemplate]) -> MessageTemplate:
    """The template marked for hard times, else the first, else the warm default."""
    for template in templates:
        if template.hard_time:
            return template
    return templates[0] if templates else DEFAULT_TEMPLATES[0]


def way_words(contact: ContactMethod) -> str:
    """"Text 07700 900123", "Email sam@example.org" (with the label if there is one)."""
    verb = "Email" if contact.type is ContactType.EMAIL else "Text"
    label = f" ({contact.label})" if contact.label else ""
    return f"{verb} {contact.value}{label}"


def message_ways(supporter: Supporter) -> list[ContactMethod]:
    """Where a message to them can go, best first: text numbers, then phone numbers,
    then email addresses, the preferred one first within each."""
    order = {kind: index for index, kind in enumerate(MESSAGE_TYPES)}
    ways = [c for c in supporter.contacts if c.type in order]
    return sorted(ways, key=lambda c: (order[c.type], not c.preferred))


def _encoded(text: str) -> str:
    return quote(text.replace("\r\n", "\n"), safe="")


def message_link(contact: ContactMethod, text: str, subject: str = "") -> str:
    """The link that opens a new text or email to ``contact`` with ``text`` filled in."""
    value = contact.value.strip()
    if contact.type in (ContactType.SMS, ContactType.PHONE):
        number = re.sub(r"[^0-9+]", "", value)
        return f"sms:{number}?body={_encoded(text)}"
    if contact.type is ContactType.EMAIL:
        fields = [f"subject={_encoded(subject)}"] if subject.strip() else []
        fields.append(f"body={_encoded(text)}")
        return f"mailto:{quote(value, safe='@+.')}?{'&'.join(fields)}"
    raise ValueError("a message goes by text or email")
