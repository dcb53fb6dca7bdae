"""Plain words for what the printed pages show: when someone can be reached, how."""

from __future__ import annotations

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ALL_DAYS, WEEKDAYS, AvailabilityWindow, Supporter

DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CALLABLE = (ContactType.PHONE, ContactType.SMS)


def days_words(days: frozenset[int]) -> str:
    if days == ALL_DAYS:
        return "Every day"
    if days == WEEKDAYS:
        return "Mon–Fri"
    if days == frozenset({5, 6}):
        return "Weekends"
    return ", ".join(DAY_NAMES[d] for d in sorted(days))


def window_words(window: AvailabilityWindow) -> str:
    if window.is_always:
        return "Any time, 24/7"
    if window.start == window.end:
        return f"{days_words(window.days)}, all day"
    return (f"{days_words(window.days)} {window.start.strftime('%H:%M')}–"
            f"{window.end.strftime('%H:%M')}")


def when_words(supporter: Supporter) -> str:
    return "; ".join(window_words(w) for w in supporter.availability)


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
