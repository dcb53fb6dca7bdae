"""Plain words for times and searching, shared by the GUI and the CLI."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from urllib.parse import quote

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import MOOD_LABELS, ContactMethod, Supporter


def search_key(*parts: str) -> str:
    """One casefolded string to match typed text against (computed once per row)."""
    return "\n".join(part.casefold() for part in parts if part)


def supporter_search_key(supporter: Supporter) -> str:
    """What "find a person" looks through: name, kind and role, and the notes."""
    return search_key(supporter.name, supporter.kind.label, supporter.role.label,
                      supporter.notes)


def days_words(days: int) -> str:
    """``-3`` -> "3 days ago", ``0`` -> "today", ``1`` -> "tomorrow", ``9`` -> "in 9 days"."""
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    count = abs(days)
    if count >= 60:
        amount = f"{round(count / 30)} months"
    elif count >= 14:
        amount = f"{round(count / 7)} weeks"
    else:
        amount = f"{count} days"
    return f"{amount} ago" if days < 0 else f"in {amount}"


def relative_day(moment: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """How far ``moment`` is from today in local calendar days, in words."""
    return days_words(local_date(moment, tz).toordinal() - local_date(now, tz).toordinal())


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    return moment.astimezone(tz).date()


def exact_time(moment: datetime, tz: tzinfo | None = None) -> str:
    """Like "Tue 24 Nov 2026, 10:00" in local time."""
    return moment.astimezone(tz).strftime("%a %d %b %Y, %H:%M")


def mood_change(before: int | None, after: int | None) -> str:
    """"Low → Good", or the one mood that was noted, or ""."""
    if before is not None and after is not None:
        return f"{MOOD_LABELS[before]} → {MOOD_LABELS[after]}"
    if before is not None:
        return f"Before: {MOOD_LABELS[before]}"
    if after is not None:
        return f"After: {MOOD_LABELS[after]}"
    return ""


def contact_link(contact: ContactMethod) -> str:
    """The link that opens this contact in one click: tel:, sms:, mailto:, https: or a map."""
    value = contact.value.strip()
    if contact.type in (ContactType.PHONE, ContactType.SMS):
        number = re.sub(r"[^0-9+]", "", value)
        return f"{'tel' if contact.type is ContactType.PHONE else 'sms'}:{number}"
    if contact.type is ContactType.EMAIL:
        return f"mailto:{value}"
    if contact.type is ContactType.WEB:
        return value if re.match(r"^https?://", value, re.IGNORECASE) else f"https://{value}"
    return "https://www.openstreetmap.org/search?query=" + quote(" ".join(value.split()))


def due_words(next_due: datetime | None, now: datetime, paused: bool = False,
              tz: tzinfo | None = None) -> str:
    """"Paused", "Due now", "Due since 2 days ago", "In 4 days", or "" with no due date."""
    if paused:
        return "Paused"
    if next_due is None:
        return ""
    when = relative_day(next_due, now, tz)
    if next_due <= now:
        return "Due now" if when == "today" else f"Due since {when}"
    return when.capitalize()
