"""Plain words for times and searching, shared by the GUI and the CLI."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from urllib.parse import quote

from supportdesk.core.i18n import _, format_date_and_time, ngettext
from supportdesk.core.kinds import ContactType
from supportdesk.core.model import MOOD_LABELS, ContactMethod, Supporter


def search_key(*parts: str) -> str:
    """One casefolded string to match typed text against (computed once per row)."""
    return "\n".join(part.casefold() for part in parts if part)


def supporter_search_key(supporter: Supporter) -> str:
    """What "find a person" looks through: name, kind and role, and the notes."""
    return search_key(supporter.name, supporter.kind.label, supporter.role.label,
                      supporter.notes)


def _span(count: int) -> tuple[str, int]:
    """Whole months from 60 days, whole weeks from 14, else days."""
    if count >= 60:
        return "months", round(count / 30)
    if count >= 14:
        return "weeks", round(count / 7)
    return "days", count


def days_words(days: int) -> str:
    """``-3`` -> "3 days ago", ``0`` -> "today", ``1`` -> "tomorrow", ``9`` -> "in 9 days"
    (in the person's language; mid-sentence)."""
    if days == 0:
        return _("today")
    if days == -1:
        return _("yesterday")
    if days == 1:
        return _("tomorrow")
    unit, count = _span(abs(days))
    if days < 0:
        if unit == "months":
            words = ngettext("{count} month ago", "{count} months ago", count)
        elif unit == "weeks":
            words = ngettext("{count} week ago", "{count} weeks ago", count)
        else:
            words = ngettext("{count} day ago", "{count} days ago", count)
    elif unit == "months":
        words = ngettext("in {count} month", "in {count} months", count)
    elif unit == "weeks":
        words = ngettext("in {count} week", "in {count} weeks", count)
    else:
        words = ngettext("in {count} day", "in {count} days", count)
    return words.format(count=count)


def relative_day(moment: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """How far ``moment`` is from today in local calendar days, in words."""
    return days_words(day_gap(moment, now, tz))


def day_gap(moment: datetime, now: datetime, tz: tzinfo | None = None) -> int:
    """Local calendar days from today to ``moment`` (negative: in the past)."""
    return local_date(moment, tz).toordinal() - local_date(now, tz).toordinal()


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    return moment.astimezone(tz).date()


def exact_time(moment: datetime, tz: tzinfo | None = None) -> str:
    """Like "Tue, 24 Nov 2026, 10:00" in local time, as the person's locale writes it."""
    return format_date_and_time(moment, tz=tz)


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
    """"Paused", "Due now", "Due since 2 days ago", "In 4 days", or "" with no due date
    (each a whole phrase to translate, to start a cell or a line)."""
    if paused:
        return _("Paused")
    if next_due is None:
        return ""
    days = day_gap(next_due, now, tz)
    if next_due <= now:
        return _due_since(days)
    return _from_now(days)


def _due_since(days: int) -> str:
    if days >= 0:
        return _("Due now")
    if days == -1:
        return _("Due since yesterday")
    unit, count = _span(-days)
    if unit == "months":
        words = ngettext("Due since {count} month ago", "Due since {count} months ago", count)
    elif unit == "weeks":
        words = ngettext("Due since {count} week ago", "Due since {count} weeks ago", count)
    else:
        words = ngettext("Due since {count} day ago", "Due since {count} days ago", count)
    return words.format(count=count)


def _from_now(days: int) -> str:
    if days <= 0:
        return _("Today")
    if days == 1:
        return _("Tomorrow")
    unit, count = _span(days)
    if unit == "months":
        words = ngettext("In {count} month", "In {count} months", count)
    elif unit == "weeks":
        words = ngettext("In {count} week", "In {count} weeks", count)
    else:
        words = ngettext("In {count} day", "In {count} days", count)
    return words.format(count=count)
