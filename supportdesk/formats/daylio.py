"""Daylio's CSV backup ("Export entries" in Daylio): read, line by line, nothing judged.

Columns, as Daylio writes them (older exports have no ``note_title``)::

    full_date,date,weekday,time,mood,activities,note_title,note
    2024-03-05,5 March,Tuesday,9:41 pm,good,"friends | walk","Park","Sunny at last"

``full_date`` is the day, ``time`` the wall-clock time ("9:41 pm" or "21:41"), ``mood``
the mood's name (Daylio's own five, or one the person named), ``activities`` separated
by " | ". Notes may carry Daylio's few formatting tags (<b>, <br>…), which become plain
text. A line that cannot be read is left out with its reason; the rest still come in.
What the names mean on SupportDesk's scale, and the checks every mood gets, are the
import service's (services/daylio_import.py).
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from datetime import date, time

COLUMNS = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
REQUIRED = ("full_date", "time", "mood")
# Daylio's five moods, from the top: what they are on SupportDesk's 1-5 scale.
DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
ACTIVITY_SEPARATOR = "|"
MAX_FILE_BYTES = 64 * 1024 * 1024
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap])?\.?\s*m?\.?$", re.I)
_TAGS = ("b", "i", "u", "s", "em", "strong", "p", "div", "span", "ul", "ol", "li", "br")
_TAG = re.compile(r"</?(?:" + "|".join(_TAGS) + r")\s*/?>", re.I)
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li)>", re.I)


@dataclass(frozen=True)
class DaylioLine:
    """One entry as the file has it (``line`` counts from 1, the header being line 1)."""

    line: int
    day: date
    at: time  # wall-clock, in whatever zone the phone was in
    mood: str  # the mood's name, trimmed, as written
    activities: tuple[str, ...] = ()
    note_title: str = ""
    note: str = ""


@dataclass
class DaylioRead:
    lines: list[DaylioLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what was left out, and why


class NotDaylioError(ValueError):
    """The file is not a Daylio CSV export (no header with full_date, time and mood)."""


def _text(data: bytes, problems: list[str]) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        problems.append("Some characters were not UTF-8 and show as “�”.")
    return text.replace("\x00", "")


def _header(text: str) -> list[str]:
    lines = text.splitlines()
    try:
        first = next(csv.reader(lines[:1]), [])
    except csv.Error:
        return []
    return [name.strip().casefold() for name in first]


def looks_like_daylio(data: bytes) -> bool:
    """Whether the first line is a Daylio header (full_date, time, mood, activities)."""
    head = data[:4096].decode("utf-8-sig", errors="replace")
    names = set(_header(head))
    return set(REQUIRED) <= names and "activities" in names


def parse_time(text: str) -> time | None:
    """"9:41 pm", "9:41 PM", "09:41", "21:41", "21:41:07" -> a time; None if not one."""
    found = _TIME.match(text.strip())
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2))
    second = int(found.group(3) or 0)
    half = (found.group(4) or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def plain_note(text: str) -> str:
    """Daylio's formatting tags as plain text: breaks and paragraphs as new lines."""
    if not _TAG.search(text):
        return text
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))


def read_daylio(data: bytes) -> DaylioRead:
    """Every readable entry in the file, oldest first; NotDaylioError if it is not one."""
    result = DaylioRead()
    if len(data) > MAX_FILE_BYTES:
        raise NotDaylioError("That file is far larger than any Daylio export.")
    text = _text(data, result.problems)
    names = _header(text)
    if not set(REQUIRED) <= set(names):
        raise NotDaylioError("That file is not a Daylio export: its first line does not "
                             "name the columns full_date, time and mood.")
    column = {name: names.index(name) for name in COLUMNS if name in names}
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))  # one huge note is still read
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        next(reader, None)  # the header
        while True:
            line = reader.line_num + 1  # where this entry starts (a note may span lines)
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                result.problems.append(f"From line {line} on, the file could not be read "
                                       f"({error}); the entries before it are kept.")
                break
            if any(cell.strip() for cell in row):
                read = _line(row, column, line, result.problems)
                if read is not None:
                    result.lines.append(read)
    finally:
        csv.field_size_limit(old_limit)
    result.lines.sort(key=lambda entry: (entry.day, entry.at, entry.line))
    return result


def _cell(row: list[str], column: dict[str, int], name: str) -> str:
    index = column.get(name)
    return row[index] if index is not None and index < len(row) else ""


def _line(row: list[str], column: dict[str, int], line: int,
          problems: list[str]) -> DaylioLine | None:
    where = f"Line {line}"
    written = _cell(row, column, "full_date").strip()
    try:
        day = date.fromisoformat(written)
    except ValueError:
        problems.append(f"{where} was left out: “{written[:20]}” is not a date "
                        "(like 2024-03-05).")
        return None
    at = parse_time(_cell(row, column, "time"))
    if at is None:
        problems.append(f"{where} was left out: “{_cell(row, column, 'time')[:20]}” is not "
                        "a time (like 9:41 pm or 21:41).")
        return None
    mood = " ".join(_cell(row, column, "mood").split())
    if not mood:
        problems.append(f"{where} was left out: it has no mood.")
        return None
    activities = tuple(part.strip() for part in
                       _cell(row, column, "activities").split(ACTIVITY_SEPARATOR)
                       if part.strip())
    return DaylioLine(line=line, day=day, at=at, mood=mood, activities=activities,
                      note_title=plain_note(_cell(row, column, "note_title")).strip(),
                      note=plain_note(_cell(row, column, "note")).strip())
