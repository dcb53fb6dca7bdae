"""Appointments with professionals, questions to bring, and things to ask about next time.

An *appointment* is a moment (timezone-aware; a wall-clock time and date in the
person's own zone, so a daylight-saving change moves nothing), a place or a link, an
optional reminder some time before, and a short note after.

An *ask* is one short line on a person's list: either something to ask them about
next time ("her job interview on Friday"), or, for a professional, a question to bring
to the next appointment. The person ticks it off by hand, or when logging a check-in
(the dialog offers the open ones as ticks; nothing is guessed from the note).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from supportdesk.core.errors import ValidationError
from supportdesk.core.i18n import _, format_skeleton, format_time, ngettext
from supportdesk.core.validation import clean_line, clean_text

PLACE_LIMIT = 1_000
NOTE_LIMIT = 20_000
ASK_LIMIT = 500
MAX_REMIND_BEFORE = timedelta(days=14)
# How soon an appointment counts as near: Today shows it, with its questions.
NEAR = timedelta(days=2)
# How long after an appointment "How did it go?" is offered, when no note was written.
NOTE_OFFERED_FOR = timedelta(days=7)
# The reminder choices offered (minutes before); any other whole number of minutes is kept.
REMIND_CHOICES = (15, 30, 60, 120, 24 * 60)


class AskKind(StrEnum):
    NEXT_TIME = "next_time"  # something to ask them about next time
    QUESTION = "question"  # a question to bring to the next appointment

    @property
    def label(self) -> str:
        return {AskKind.NEXT_TIME: "To ask about next time",
                AskKind.QUESTION: "Questions to bring"}[self]


@dataclass(frozen=True)
class Appointment:
    supporter_id: int
    at: datetime
    place: str = ""  # an address, a room, or a link for a video call
    remind_before: timedelta | None = None
    note: str = ""  # a few words after
    reminded: bool = False  # the reminder for this time has been shown
    id: int | None = None

    @property
    def remind_at(self) -> datetime | None:
        # In UTC: "a day before" is 24 real hours, even across a clock change.
        if self.remind_before is None:
            return None
        return self.at.astimezone(UTC) - self.remind_before

    @property
    def place_is_link(self) -> bool:
        return self.place.strip().lower().startswith(("https://", "http://"))


@dataclass(frozen=True)
class Ask:
    supporter_id: int
    text: str
    kind: AskKind = AskKind.NEXT_TIME
    created: datetime | None = None
    done: bool = False
    id: int | None = None


def local_moment(day: date, clock: time, zone: tzinfo) -> datetime:
    """The moment a wall clock in ``zone`` shows ``clock`` on ``day``. On a day the
    clocks go forward, a time that does not exist is read as the hour after (fold 0);
    on a day they go back, the first of the two (fold 0)."""
    wall = datetime.combine(day, clock).replace(tzinfo=zone, fold=0)
    # Round-trip through UTC: a skipped wall time comes back as the real one.
    return wall.astimezone(UTC).astimezone(zone)


def remind_words(before: timedelta | None) -> str:
    """"no reminder", "30 minutes before", "1 hour before", "1 day before"."""
    if before is None:
        return _("no reminder")
    minutes = int(before.total_seconds() // 60)
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return ngettext("{count} day before", "{count} days before", days).format(count=days)
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("{count} hour before", "{count} hours before", hours).format(
            count=hours)
    return ngettext("{count} minute before", "{count} minutes before", minutes).format(
        count=minutes)


def checked_appointment(appointment: Appointment) -> Appointment:
    """The appointment tidied for saving, or ValidationError naming what to change."""
    if appointment.at.tzinfo is None:
        raise ValueError("an appointment's time must be timezone-aware")
    place = clean_line(appointment.place)
    if len(place) > PLACE_LIMIT:
        raise ValidationError("That place is very long; a short address or a link is "
                              "enough.", field="place")
    note = clean_text(appointment.note)
    if len(note) > NOTE_LIMIT:
        raise ValidationError("That note is very long; please shorten it a little.",
                              field="note")
    before = appointment.remind_before
    if before is not None and not timedelta(0) < before <= MAX_REMIND_BEFORE:
        raise ValidationError("A reminder can come from a minute to two weeks before.",
                              field="remind_before")
    return replace(appointment, place=place, note=note)


def checked_ask(ask: Ask) -> Ask:
    text = clean_line(ask.text)
    if not text:
        raise ValidationError("Write a few words to remember it by.", field="text")
    if len(text) > ASK_LIMIT:
        raise ValidationError("That's a lot for one line; a few words are enough.",
                              field="text")
    return replace(ask, text=text)


def with_time_changed(before: Appointment, after: Appointment) -> Appointment:
    """``after``, whose reminder is shown anew when its time or its lead changed."""
    moved = before.at != after.at or before.remind_before != after.remind_before
    return replace(after, reminded=False) if moved else after


def next_appointment(appointments: Iterable[Appointment], now: datetime,
                     supporter_id: int | None = None) -> Appointment | None:
    """The soonest appointment still to come (with this person, if named)."""
    coming = [a for a in appointments if a.at > now
              and (supporter_id is None or a.supporter_id == supporter_id)]
    return min(coming, key=lambda a: (a.at, a.id or 0), default=None)


def upcoming(appointments: Iterable[Appointment], now: datetime,
             within: timedelta | None = None) -> list[Appointment]:
    """Appointments still to come, soonest first (only those within ``within``)."""
    return sorted((a for a in appointments if a.at > now
                   and (within is None or a.at - now <= within)),
                  key=lambda a: (a.at, a.id or 0))


def awaiting_note(appointments: Iterable[Appointment], now: datetime) -> list[Appointment]:
    """Appointments that have happened in the last week and have no note yet."""
    return sorted((a for a in appointments
                   if a.at <= now < a.at + NOTE_OFFERED_FOR and not a.note),
                  key=lambda a: (a.at, a.id or 0))


def reminders_due(appointments: Iterable[Appointment], now: datetime) -> list[Appointment]:
    """Appointments whose reminder time has come, not yet shown, before they start."""
    return sorted((a for a in appointments if a.remind_at is not None and not a.reminded
                   and a.remind_at <= now < a.at), key=lambda a: (a.at, a.id or 0))


def next_reminder_moment(appointments: Iterable[Appointment], now: datetime
                         ) -> datetime | None:
    """When the next not-yet-shown reminder falls due (None: none will)."""
    moments = [a.remind_at for a in appointments if a.remind_at is not None
               and not a.reminded and a.at > now and a.remind_at > now]
    return min((m for m in moments if m is not None), default=None)


def open_asks(asks: Sequence[Ask], supporter_id: int | None = None,
              kind: AskKind | None = None) -> list[Ask]:
    """Not ticked off yet, oldest first (with this person, of this kind, if named)."""
    return [a for a in asks if not a.done
            and (supporter_id is None or a.supporter_id == supporter_id)
            and (kind is None or a.kind is kind)]


def when_words(appointment: Appointment, now: datetime, tz: tzinfo, *,
               start: bool = True) -> str:
    """"Today at 14:30", "Tomorrow at 09:00", "Thu 10 Dec at 14:30" (the year when far
    off or past), in the person's language; ``start=False`` for mid-sentence
    ("the first today at 14:30")."""
    local = appointment.at.astimezone(tz)
    days = local.date().toordinal() - now.astimezone(tz).date().toordinal()
    clock = format_time(local, tz=tz)
    if days == 0:
        words = _("Today at {time}") if start else _("today at {time}")
        return words.format(time=clock)
    if days == 1:
        words = _("Tomorrow at {time}") if start else _("tomorrow at {time}")
        return words.format(time=clock)
    day = format_skeleton("yMMMEd" if days > 300 or days < 0 else "MMMEd", local, tz)
    # TRANSLATORS: {date} like "Thu 10 Dec", {time} like "14:30".
    return _("{date} at {time}").format(date=day, time=clock)
