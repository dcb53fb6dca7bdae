"""Importing a Daylio backup (its CSV export) as moods noted on their own.

``preview`` reads the file and writes nothing. Daylio's own five moods (rad, good, meh,
bad, awful) are 5 to 1; any other name is the person's own, and they choose in the
preview what each means (``DaylioPreview.choose``) or leave those entries out. Times are
wall-clock times, read in the person's time zone (a time the clocks skipped, or that
happened twice, is read as the first). Activities become the entry's feelings (the one
field for such words); one that cannot be a feeling (with a comma, very long, or beyond
the twelfth) is kept on the note's last line. The note is the title and the note. Every
entry is checked as a mood typed in the app is; a note longer than a note can be is
shortened, and said so.

``apply`` adds, in one transaction, the entries the vault does not already have — the
same moment, mood and note — so a file brought in twice adds nothing the second time;
``undo`` takes out exactly what it added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from supportdesk.core.errors import ValidationError
from supportdesk.core.i18n import _, format_date, ngettext
from supportdesk.core.model import MOOD_LABELS
from supportdesk.core.mood import (
    FEELING_LIMIT,
    MAX_FEELINGS,
    NOTE_LIMIT,
    MoodEntry,
    checked_entry,
    clean_feelings,
)
from supportdesk.core.schedule import local_zone
from supportdesk.formats.daylio import (
    DEFAULT_MOODS,
    DaylioLine,
    NotDaylioError,
    looks_like_daylio,
    read_daylio,
)
from supportdesk.services.full_import import fresh_moods
from supportdesk.services.session import Session
from supportdesk.store import mood_rows

__all__ = ["DEFAULT_MOODS", "DaylioImportOutcome", "DaylioImportService", "DaylioPreview",
           "NotDaylioError", "is_daylio_backup"]

LEAVE_OUT = 0  # a name's choice that leaves its entries out


def is_daylio_backup(data: bytes) -> bool:
    """Whether ``data`` starts with Daylio's CSV header (full_date, time, mood…)."""
    return looks_like_daylio(data)


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class DaylioRow:
    """One entry of the file, ready but for its mood when the name is the person's own."""

    line: int
    at: datetime
    mood_name: str
    feelings: tuple[str, ...]
    note: str


@dataclass
class DaylioPreview:
    rows: list[DaylioRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # the person's own mood names (as first written) -> how many entries have each
    own_names: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)  # name key -> 1..5, or LEAVE_OUT
    have: set[tuple[object, ...]] = field(default_factory=set, repr=False)

    def choose(self, name: str, mood: int) -> None:
        """What one of the person's own names means: 1..5, or LEAVE_OUT."""
        if mood != LEAVE_OUT and mood not in MOOD_LABELS:
            raise ValidationError("Choose a mood from 1 (very low) to 5 (very good).",
                                  field="mood")
        self.chosen[name_key(name)] = mood

    def unchoose(self, name: str) -> None:
        self.chosen.pop(name_key(name), None)

    def mood_for(self, name: str) -> int | None:
        key = name_key(name)
        return DEFAULT_MOODS.get(key) or self.chosen.get(key)

    @property
    def unchosen(self) -> list[str]:
        """The person's own names not chosen yet (importing waits for them)."""
        return [name for name in self.own_names if name_key(name) not in self.chosen]

    def entries(self) -> list[MoodEntry]:
        """The entries the import adds: mood known, not left out, not already here."""
        ready = []
        for row in self.rows:
            mood = self.mood_for(row.mood_name)
            if mood:
                ready.append(MoodEntry(at=row.at, mood=mood, feelings=row.feelings,
                                       note=row.note))
        return fresh_moods(ready, self.have)

    def counts(self) -> tuple[int, int, int]:
        """(new, already here or twice in the file, left out by a choice or unchosen)."""
        new = len(self.entries())
        waiting = sum(1 for row in self.rows if not self.mood_for(row.mood_name))
        return new, len(self.rows) - waiting - new, waiting

    def words(self) -> str:
        """The preview in a sentence or two."""
        if not self.rows:
            return _("No moods were found in the file.")
        first, last = self.rows[0].at.date(), self.rows[-1].at.date()
        new, here, out = self.counts()
        parts = [ngettext("{count} new", "{count} new", new).format(count=new)]
        if here:
            parts.append(ngettext("{count} already here (left as they are)",
                                  "{count} already here (left as they are)", here).format(
                                      count=here))
        if out:
            parts.append(
                ngettext("{count} left out", "{count} left out", out) if not self.unchosen
                else ngettext("{count} waiting for you to say what their mood means",
                              "{count} waiting for you to say what their mood means", out))
            parts[-1] = parts[-1].format(count=out)
        found = len(self.rows)
        # TRANSLATORS: {first} and {last} like "5 March 2024"; {parts} like "5 new, 1 left out".
        return ngettext("Found {count} mood from {first} to {last}: {parts}.",
                        "Found {count} moods from {first} to {last}: {parts}.", found).format(
                            count=found, first=format_date(first, "long"),
                            last=format_date(last, "long"), parts=", ".join(parts))


@dataclass
class DaylioImportOutcome:
    added_ids: list[int] = field(default_factory=list)

    @property
    def summary(self) -> str:
        count = len(self.added_ids)
        return ngettext("{count} mood added", "{count} moods added", count).format(count=count)


def _feelings_and_rest(activities: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    feelings: list[str] = []
    rest: list[str] = []
    for activity in clean_feelings(activities):
        if "," in activity or len(activity) > FEELING_LIMIT or len(feelings) >= MAX_FEELINGS:
            rest.append(activity)
        else:
            feelings.append(activity)
    return tuple(feelings), rest


def _row(line: DaylioLine, zone: tzinfo, problems: list[str]) -> DaylioRow | None:
    feelings, rest = _feelings_and_rest(line.activities)
    note = "\n\n".join(part for part in (line.note_title, line.note) if part)
    if rest:
        note = "\n\n".join(part for part in (note, "Activities: " + ", ".join(rest)) if part)
    at = datetime.combine(line.day, line.at, tzinfo=zone)
    try:
        checked = checked_entry(MoodEntry(at=at, mood=3, feelings=feelings, note=note))
    except ValidationError:  # the note alone can be refused: shorten it and say so
        checked = checked_entry(MoodEntry(at=at, mood=3, feelings=feelings,
                                          note=note[:NOTE_LIMIT - 1] + "…"))
        problems.append(f"Line {line.line}: the note was {len(note):,} characters long and "
                        f"was shortened to {NOTE_LIMIT:,}.")
    return DaylioRow(line.line, checked.at, line.mood, checked.feelings, checked.note)


class DaylioImportService:
    def __init__(self, session: Session, zone: tzinfo | None = None) -> None:
        self.session = session
        self.tz = zone

    def preview(self, data: bytes) -> DaylioPreview:
        """What importing ``data`` would add; NotDaylioError if it is not a Daylio file."""
        read = read_daylio(data)
        zone = self.tz or local_zone()
        preview = DaylioPreview(problems=list(read.problems))
        names: Counter[str] = Counter()
        first_written: dict[str, str] = {}
        for line in read.lines:
            row = _row(line, zone, preview.problems)
            if row is None:
                continue
            preview.rows.append(row)
            key = name_key(row.mood_name)
            if key not in DEFAULT_MOODS:
                names[key] += 1
                first_written.setdefault(key, row.mood_name)
        preview.own_names = {first_written[key]: count for key, count in names.items()}
        preview.have = set(mood_rows.mood_keys(self.session.db))
        return preview

    def apply(self, preview: DaylioPreview) -> DaylioImportOutcome:
        """Add the new entries in one transaction (all or nothing)."""
        if preview.unchosen:
            raise ValidationError(f"Say what “{preview.unchosen[0]}” means first (1 to 5, "
                                  "or leave those moods out).", field="mood")
        entries = [checked_entry(entry) for entry in preview.entries()]
        with self.session.db.atomic():
            return DaylioImportOutcome(self.session.repo.add_mood_entries(entries))

    def undo(self, outcome: DaylioImportOutcome) -> None:
        mood_rows.delete_mood_entries(self.session.db, outcome.added_ids)
