"""Checking what a person typed before it is saved: pure, with plain messages.

Each ``check_*`` function returns ``""`` when the value is fine, else one short
sentence to show next to the field. ``problems(supporter)`` checks a whole
supporter and returns ``{field: message}``; ``clean_text`` tidies free text
(odd Unicode, stray control characters, direction overrides) without changing what
the person meant. Every text SupportDesk saves goes through it.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from datetime import time, timedelta
from functools import cache
from urllib.parse import urlsplit

from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import ContactType
from supportdesk.core.model import AvailabilityWindow, ContactMethod, Supporter
from supportdesk.core.occasion_checks import check_date, check_meeting

NAME_LIMIT = 200
SHORT_TEXT_LIMIT = 1_000  # contact values, labels, meeting place and schedule
LONG_TEXT_LIMIT = 20_000  # notes: generous, but not a pasted book
MAX_CADENCE_DAYS = 365 * 5

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./\-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_CADENCE = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.IGNORECASE)
_TIME = re.compile(r"^\s*(\d{1,2})[:.]?(\d{2})\s*$")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
DIRECTION_CONTROLS = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")


def clean_text(text: str) -> str:
    """NFC-normalised, without invisible controls, trimmed.

    Gone: control characters other than newline and tab, and the direction overrides,
    embeddings and isolates (U+202A-U+202E, U+2066-U+2069) that make a name read
    backwards. The direction marks (U+200E, U+200F, U+061C) stay only in text with
    right-to-left letters, where they place digits and brackets; elsewhere they go.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return text.strip()  # the usual case, and already NFC
    normal = unicodedata.normalize("NFC", text)
    # each distinct character is looked at once, so a pasted book is cleaned quickly
    present = set(normal)
    marks_needed = any(unicodedata.bidirectional(ch) in ("R", "AL")
                       for ch in present - DIRECTION_MARKS)
    unwanted = {ord(ch): None for ch in present
                if ch in DIRECTION_CONTROLS or (ch in DIRECTION_MARKS and not marks_needed)
                or (ch not in "\n\t"
                    and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"))}
    return (normal.translate(unwanted) if unwanted else normal).strip()


def clean_line(text: str) -> str:
    """Like ``clean_text`` but on one line: runs of whitespace become one space."""
    return " ".join(clean_text(text).split())


def check_length(text: str, limit: int) -> str:
    if len(text) > limit:
        return f"This is longer than {limit:,} characters; please shorten it a little."
    return ""


def check_name(name: str) -> str:
    cleaned = clean_line(name)
    if not cleaned:
        return "Please give a name, even a nickname or initials."
    return check_length(cleaned, NAME_LIMIT)


def check_phone(value: str) -> str:
    text = value.strip()
    if not _PHONE_CHARS.match(text):
        return "A phone number can hold digits, spaces, brackets, dashes and a leading +."
    digits = sum(map(str.isdigit, text))
    if digits < 3:
        return "This phone number looks too short."
    if digits > 15:
        return "This phone number looks too long (15 digits at most)."
    return ""


def check_email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        return "This does not look like an email address (like name@example.org)."
    return ""


def check_url(value: str) -> str:
    text = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.\-]*://", text, re.IGNORECASE):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unbalanced "[" reads as a broken IPv6 address
        return "This does not look like a web address (like example.org/group)."
    if parts.scheme.lower() not in ("http", "https") or "." not in host or " " in text:
        return "This does not look like a web address (like example.org/group)."
    return ""


@cache
def _known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(name: str) -> str:
    """An IANA name the editor's list offers; "" (the person's own) is fine too."""
    zones = _known_time_zones()
    if not name or not zones or name in zones:  # no zone database: nothing to check against
        return ""
    return "This is not a time zone SupportDesk knows (like Europe/London)."


def check_contact(contact: ContactMethod) -> str:
    value = contact.value.strip()
    if not value:
        return "Please fill in this contact, or remove the row."
    too_long = check_length(value, SHORT_TEXT_LIMIT) or check_length(contact.label,
                                                                     SHORT_TEXT_LIMIT)
    if too_long:
        return too_long
    if contact.type in (ContactType.PHONE, ContactType.SMS):
        return check_phone(value)
    if contact.type is ContactType.EMAIL:
        return check_email(value)
    if contact.type is ContactType.WEB:
        return check_url(value)
    return ""


def parse_time(text: str) -> time:
    """``"9:30"``, ``"0930"`` or ``"9.30"`` as a time; ValidationError if impossible."""
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
        if hour == 24 and minute == 0:
            return time(0, 0)
    raise ValidationError(f"“{text.strip()}” is not a time of day (use 24-hour, like 18:30).",
                          field="time")


def check_window(window: AvailabilityWindow) -> str:
    if not window.days:
        return "Choose at least one day for this time."
    if any(day not in range(7) for day in window.days):
        return "Days run from Monday to Sunday."
    return ""


def check_time_range(start: time, end: time, all_day: bool) -> str:
    """A window's times: equal times only make sense as "all day" (the model's whole day)."""
    if not all_day and start == end:
        return "From and to are the same time; tick “All day” for the whole day."
    return ""


def parse_cadence(text: str) -> timedelta | None:
    """``"14d"``, ``"2w"`` or ``"30"`` (days); blank means the ring's default (None)."""
    if not text.strip():
        return None
    match = _CADENCE.match(text)
    if not match:
        raise ValidationError("Say how often as days or weeks, like 14d, 2w or 30.",
                              field="cadence")
    count = int(match.group(1)) * (7 if match.group(2).lower() == "w" else 1)
    return check_cadence_days(count)


def check_cadence_days(days: int) -> timedelta:
    if days < 1:
        raise ValidationError("How often must be at least every day.", field="cadence")
    if days > MAX_CADENCE_DAYS:
        raise ValidationError("How often can be at most every five years.", field="cadence")
    return timedelta(days=days)


def problems(supporter: Supporter) -> dict[str, str]:
    """Every field that cannot be saved as it is, keyed by field name, with its message."""
    found: dict[str, str] = {}

    def note(field: str, message: str) -> None:
        if message and field not in found:
            found[field] = message

    note("name", check_name(supporter.name))
    for index, contact in enumerate(supporter.contacts):
        note(f"contacts.{index}", check_contact(contact))
    for index, window in enumerate(supporter.availability):
        note(f"availability.{index}", check_window(window))
    for field, text in (("meeting_schedule", supporter.meeting_schedule),
                        ("meeting_place", supporter.meeting_place)):
        note(field, check_length(text, SHORT_TEXT_LIMIT))
    for index, meeting in enumerate(supporter.meetings):
        note(f"meetings.{index}", check_meeting(meeting) or check_timezone(meeting.timezone))
    for index, item in enumerate(supporter.dates):
        note(f"dates.{index}", check_date(item))
    long_texts = {
        "notes": supporter.notes,
        "boundaries.mine": supporter.boundaries.mine,
        "boundaries.theirs": supporter.boundaries.theirs,
        "help.warning_signs": supporter.help.warning_signs,
        "help.what_helps": supporter.help.what_helps,
        "help.what_does_not": supporter.help.what_does_not,
        "help.in_a_crisis": supporter.help.in_a_crisis,
    }
    for field, text in long_texts.items():
        note(field, check_length(text, LONG_TEXT_LIMIT))
    every = supporter.cadence.every
    if every is not None:
        try:
            check_cadence_days(every.days)
        except ValidationError as error:
            note("cadence", error.message)
    return found


def ensure_valid(supporter: Supporter) -> None:
    """Raise ValidationError naming the first problem (for the CLI and services)."""
    found = problems(supporter)
    if found:
        field, message = next(iter(found.items()))
        raise ValidationError(message, field=field)
