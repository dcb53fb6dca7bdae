"""Plain words for what the printed pages show: when someone can be reached, how."""

from __future__ import annotations

from supportdesk.core.availability_words import window_phrase
from supportdesk.core.kinds import ContactType
from supportdesk.core.model import Supporter

CALLABLE = (ContactType.PHONE, ContactType.SMS)


def when_words(supporter: Supporter) -> str:
    return "; ".join(window_phrase(w) for w in supporter.availability)


def best_number(supporter: Supporter) -> str:
    """The number to call: preferred first, then any phone, then a text number."""
    phones = [m for m in supporter.contacts if m.type is ContactType.PHONE]
    texts = [m for m in supporter.contacts if m.type is ContactType.SMS]
    for group in (phones, texts):
        preferred = [m for m in group if m.preferred]
        if preferred or group:
            return (preferred or group)[0].value
    return ""


def contact_lines(supporter: Supporter) -> list[str]:
    """'Phone (mobile): 07700 900123', one per contact method."""
    lines = []
    for method in supporter.contacts:
        label = f"{method.type.label} ({method.label})" if method.label else method.type.label
        lines.append(f"{label}: {method.value}")
    return lines
