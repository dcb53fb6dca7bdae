"""A group's meetings and the dates that matter as people type them for ``edit``, and
back into the words ``show`` prints.

Meetings: ``"thursday 19:00"``, ``"every thursday 19:00-20:30 at Room 2"``, ``"first and
third saturday 10:00-13:00 (Europe/Dublin) at the bandstand, remind 1h, skip 2026-12-26"``
(a time zone only when it is not your own). Dates: ``"birthday 1990-03-12"``,
``"anniversary 06-01"`` (no year), ``"hard 10-02 Dad's anniversary, remind 7d, company"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.errors import ValidationError
from supportdesk.core.meetings import ORDINAL_WORDS, WEEKDAY_NAMES, Meeting, rule_words
from supportdesk.core.occasion_checks import check_date, check_meeting
from supportdesk.core.validation import check_timezone

MEETING_HELP = ('like "thursday 19:00", "every tuesday 18:30-20:00 at Room 2" or "first '
                'and third saturday 10:00-13:00 (Europe/Dublin) at the bandstand, remind '
                '1h, skip 2026-12-26"; a time zone only when it is not your own')
DATE_HELP = ('KIND DATE [NAME], KIND being birthday, anniversary or hard (a hard day), '
             'like "birthday 1990-03-12", "anniversary 06-01" (no year) or "hard 10-02 '
             'Dad\'s anniversary, remind 7d, company"')
_ORDINAL_OF = {word: n for n, word in ORDINAL_WORDS.items()}
_MEETING = re.compile(
    r"^(?:(?P<weeks>every|(?:(?:first|second|third|fourth|fifth|last)(?:\s*,\s*|\s+and\s+"
    r"|\s+))+)\s*)?(?P<day>[a-z]+)(?:\s+of\s+the\s+month)?\s+(?P<start>\d{1,2}[:.]\d{2})"
    r"(?:\s*-\s*(?P<end>\d{1,2}[:.]\d{2}))?(?:\s+\((?P<zone>[^()\s]+)\))?"
    r"(?:\s+at\s+(?P<place>.+?))?$", re.IGNORECASE)
_REMIND = re.compile(r",\s*remind\s+(\d+)\s*([mhd])\s*$", re.IGNORECASE)
_COMPANY = re.compile(r",\s*company\s*$", re.IGNORECASE)
_SKIP = re.compile(r",\s*skip((?:\s+\d{4}-\d{2}-\d{2})+)\s*$", re.IGNORECASE)
_DATE = re.compile(r"^(?P<kind>[a-z]+)\s+(?:(?P<year>\d{4})-)?(?P<month>\d{1,2})-"
                   r"(?P<day>\d{1,2})(?:\s+(?P<label>.+))?$", re.IGNORECASE)
_MINUTES = {"m": 1, "h": 60, "d": 24 * 60}


def _clock(text: str, whole: str) -> time:
    try:
        return datetime.strptime(text.replace(".", ":"), "%H:%M").time()
    except ValueError:
        raise ValidationError(f"“{whole}”: {text} is not a time of day.",
                              field="meetings") from None


@dataclass
class _Endings:
    """What the endings of the words said: ", remind 30m", ", company", ", skip DAY …"."""

    remind: int | None = None  # minutes
    company: bool = False
    skipped: tuple[date, ...] = ()


def _endings(text: str) -> tuple[str, _Endings]:
    """The text without its endings, and what they said."""
    said = _Endings()
    while True:
        if (found := _REMIND.search(text)) is not None:
            said.remind = int(found.group(1)) * _MINUTES[found.group(2).lower()]
        elif (found := _COMPANY.search(text)) is not None:
            said.company = True
        elif (found := _SKIP.search(text)) is not None:
            try:
                said.skipped = tuple(sorted(date.fromisoformat(d)
                                            for d in found.group(1).split()))
            except ValueError:
                raise ValidationError(f"“{text}”: a day to skip is not a date.",
                                      field="meetings") from None
        else:
            return text.strip(), said
        text = text[:found.start()]


def parse_meeting(text: str) -> Meeting:
    """One meeting from words; ValidationError with an example if they cannot be read."""
    plain, said = _endings(" ".join(text.split()))
    found = _MEETING.match(plain)
    typed = found.group("day").casefold() if found else ""
    day = next((d for d in WEEKDAY_NAMES if len(typed) >= 3 and d.casefold().startswith(typed)),
               "")
    if found is None or not day or said.company:
        raise ValidationError(f"“{text}” is not a meeting time; write it {MEETING_HELP}.",
                              field="meetings")
    weeks = (found.group("weeks") or "every").casefold()
    ordinals = tuple(dict.fromkeys(_ORDINAL_OF[w] for w in re.findall(r"[a-z]+", weeks)
                                   if w in _ORDINAL_OF))
    start = _clock(found.group("start"), text)
    minutes = 90
    if found.group("end"):
        end = _clock(found.group("end"), text)
        minutes = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) % (24 * 60)
    meeting = Meeting(WEEKDAY_NAMES.index(day), start, ordinals,
                      timezone=found.group("zone") or "", minutes=minutes,
                      place=(found.group("place") or "").strip(), skipped=said.skipped,
                      remind_minutes=said.remind)
    problem = check_meeting(meeting) or check_timezone(meeting.timezone)
    if problem:
        raise ValidationError(f"“{text}”: {problem}", field="meetings")
    return meeting


def meeting_words(meeting: Meeting) -> str:
    """ "First and third Saturday of the month 10:00-13:00 at the bandstand (your time)"."""
    end = (meeting.at.hour * 60 + meeting.at.minute + meeting.minutes) % (24 * 60)
    words = f"{rule_words(meeting)} {meeting.at:%H:%M}-{end // 60:02d}:{end % 60:02d}"
    if meeting.timezone:
        words += f" ({meeting.timezone})"
    if meeting.place:
        words += f" at {meeting.place}"
    if meeting.remind_minutes is not None:
        words += f", remind {_lead_words(meeting.remind_minutes)}"
    if meeting.skipped:
        words += ", skip " + " ".join(d.isoformat() for d in meeting.skipped)
    return words


def _lead_words(minutes: int) -> str:
    for unit, size in (("d", 24 * 60), ("h", 60)):
        if minutes and minutes % size == 0:
            return f"{minutes // size}{unit}"
    return f"{minutes}m"


def parse_date(text: str) -> ImportantDate:
    """One date that matters from words; ValidationError with an example otherwise."""
    plain, said = _endings(" ".join(text.split()))
    found = _DATE.match(plain)
    kinds = {k.value: k for k in DateKind}
    remind = said.remind
    if found is None or found.group("kind").casefold() not in kinds or said.skipped:
        raise ValidationError(f"“{text}” is not a date that matters; write {DATE_HELP}.",
                              field="dates")
    year = found.group("year")
    item = ImportantDate(kinds[found.group("kind").casefold()], int(found.group("month")),
                         int(found.group("day")), int(year) if year else None,
                         label=(found.group("label") or "").strip(),
                         remind_days=None if remind is None else -(-remind // (24 * 60)),
                         ask_company=said.company)
    problem = check_date(item)
    if problem:
        raise ValidationError(f"“{text}”: {problem}", field="dates")
    return item


def date_words(item: ImportantDate) -> str:
    """ "Birthday 1990-03-12", "Hard day 10-02 Dad's anniversary, remind 7d, company"."""
    day = f"{item.month:02d}-{item.day:02d}"
    words = f"{item.kind.value} {f'{item.year:04d}-' if item.year else ''}{day}"
    if item.label:
        words += f" {item.label}"
    if item.remind_days is not None:
        words += f", remind {item.remind_days}d"
    if item.ask_company:
        words += ", company"
    return words
