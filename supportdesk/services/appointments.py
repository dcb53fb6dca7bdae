"""Appointments with professionals, questions to bring, and things to ask about next time.

Reads for the GUI and the command line, and the writes the application's use cases
make (``Application.add_appointment`` and the rest), each checked first
(``core.appointments``): a problem raises ``ValidationError`` naming the field, and
nothing is written. Everything here counts under the "people" topic.

The reminder a person may ask for some time before an appointment follows the
reminders' own rules: nothing while reminders are paused, held to the end of quiet
hours, shown once (``mark_reminded``), and never once the appointment has begun.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from supportdesk.core import appointments as rules
from supportdesk.core.appointments import Appointment, Ask, AskKind
from supportdesk.core.errors import NotFoundError, ValidationError
from supportdesk.core.i18n import _, ngettext
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services import settings as keys
from supportdesk.services.reminders import join_names
from supportdesk.services.timed import TimedService
from supportdesk.store import appointments_repo as store


@dataclass(frozen=True)
class Upcoming:
    """An appointment as lists show it: with whom, and the questions to bring."""

    appointment: Appointment
    supporter: Supporter
    questions: tuple[Ask, ...]


@dataclass(frozen=True)
class AppointmentNotice:
    """One notification's words for the appointments whose reminder has come."""

    title: str
    body: str
    appointment_ids: tuple[int, ...]


def appointment_notice(items: Sequence[Upcoming], now: datetime, tz: tzinfo,
                       discreet: bool) -> AppointmentNotice:
    """One notification for every reminder due (names and places left out when discreet)."""
    ids = tuple(u.appointment.id or 0 for u in items)
    first = items[0]
    asked = sum(len(u.questions) for u in items)
    questions = "" if not asked else " " + ngettext(
        "You have {count} question to bring.", "You have {count} questions to bring.",
        asked).format(count=asked)
    count = len(items)
    if discreet:
        title = (_("An appointment is coming up") if count == 1 else ngettext(
            "{count} appointment is coming up", "{count} appointments are coming up",
            count).format(count=count))
        return AppointmentNotice(title, _("Open SupportDesk to see when.") + questions, ids)
    if count == 1:
        when = rules.when_words(first.appointment, now, tz)
        place = f" · {first.appointment.place}" if first.appointment.place else ""
        return AppointmentNotice(
            _("Appointment with {name}").format(name=first.supporter.name),
            f"{when}{place}.{questions}", ids)
    when = rules.when_words(first.appointment, now, tz, start=False)
    names = join_names([u.supporter.name for u in items])
    return AppointmentNotice(
        ngettext("{count} appointment coming up", "{count} appointments coming up",
                 count).format(count=count),
        # TRANSLATORS: {names} like "Dr Lee, Sam and 1 more"; {when} like "today at 10:00".
        _("{names}; the first {when}.").format(names=names, when=when) + questions, ids)


class AppointmentService(TimedService):
    # -- reading ----------------------------------------------------------------------

    def appointments(self, supporter_id: int | None = None) -> list[Appointment]:
        """Oldest first."""
        return store.appointments(supporter_id)

    def appointment(self, appointment_id: int) -> Appointment:
        return store.appointment(appointment_id)

    def next_for(self, supporter_id: int, now: datetime | None = None) -> Appointment | None:
        return rules.next_appointment(store.appointments(supporter_id), now or self.now())

    def awaiting_note(self, supporter_id: int | None = None, now: datetime | None = None
                      ) -> list[Appointment]:
        """Appointments of the last week with no note yet ("How did it go?")."""
        return rules.awaiting_note(store.appointments(supporter_id), now or self.now())

    def asks(self, supporter_id: int | None = None, kind: AskKind | None = None) -> list[Ask]:
        """Oldest first, ticked ones too."""
        return store.asks(supporter_id, kind)

    def ask(self, ask_id: int) -> Ask:
        return store.ask(ask_id)

    def open_asks(self, supporter_id: int | None = None, kind: AskKind | None = None
                  ) -> list[Ask]:
        return rules.open_asks(store.asks(supporter_id, kind))

    def upcoming(self, now: datetime | None = None, within: timedelta | None = None
                 ) -> list[Upcoming]:
        """Appointments still to come, soonest first, with their open questions."""
        coming = rules.upcoming(store.appointments(), now or self.now(), within)
        return self._with_people(coming)

    def _with_people(self, items: Sequence[Appointment]) -> list[Upcoming]:
        if not items:
            return []
        people = {s.id: s for s in self.session.repo.supporter_heads()}
        questions = rules.open_asks(store.asks(kind=AskKind.QUESTION))
        return [Upcoming(a, people[a.supporter_id],
                         tuple(q for q in questions if q.supporter_id == a.supporter_id))
                for a in items if a.supporter_id in people]

    # -- the reminder some time before ---------------------------------------------

    def reminders_due(self, now: datetime | None = None) -> list[Upcoming]:
        """Reminders whose time has come and that may be shown now (not paused, not in
        quiet hours), not yet shown."""
        moment = now or self.now()
        if self.settings.get(keys.REMINDERS_PAUSED):
            return []
        if self.settings.quiet_hours().contains(moment, self.zone):
            return []
        return self._with_people(rules.reminders_due(store.appointments(), moment))

    def next_wakeup(self, now: datetime | None = None) -> datetime | None:
        """When to look again: the next reminder, held to the end of quiet hours."""
        if self.settings.get(keys.REMINDERS_PAUSED):
            return None
        moment = now or self.now()
        every = store.appointments()
        quiet = self.settings.quiet_hours()
        candidates = []
        upcoming = rules.next_reminder_moment(every, moment)
        if upcoming is not None:
            candidates.append(quiet.release(upcoming, self.zone))
        if rules.reminders_due(every, moment) and quiet.contains(moment, self.zone):
            candidates.append(quiet.release(moment, self.zone))
        return min(candidates, default=None)

    def mark_reminded(self, appointment_ids: Sequence[int]) -> None:
        store.mark_reminded(appointment_ids)

    # -- writing (through the application's use cases) -----------------------------

    def save_appointment(self, appointment: Appointment) -> Appointment:
        supporter = self.session.repo.supporter(appointment.supporter_id)
        if supporter.kind is not Kind.PROFESSIONAL:
            raise ValidationError("Appointments are for professionals; for someone else, "
                                  "a check-in or a note may fit better.", field="supporter")
        checked = rules.checked_appointment(appointment)
        if checked.id is not None:
            # put back after a delete (undo): as it was
            with contextlib.suppress(NotFoundError):
                checked = rules.with_time_changed(store.appointment(checked.id), checked)
        return store.save_appointment(checked)

    def delete_appointment(self, appointment_id: int) -> Appointment:
        return store.delete_appointment(appointment_id)

    def new_ask(self, supporter_id: int, text: str, kind: AskKind = AskKind.NEXT_TIME
                ) -> Ask:
        """An unsaved item for this person, made now."""
        return Ask(supporter_id=supporter_id, text=text, kind=kind, created=self.now())

    def save_ask(self, item: Ask) -> Ask:
        self.session.repo.supporter(item.supporter_id)  # NotFoundError if they are gone
        checked = rules.checked_ask(item)
        if checked.created is None:
            checked = replace(checked, created=self.now())
        return store.save_ask(checked)

    def delete_ask(self, ask_id: int) -> Ask:
        return store.delete_ask(ask_id)

    def set_done(self, ask_ids: Sequence[int], done: bool) -> list[Ask]:
        """Tick (or untick) these; returns them as they were, for undo."""
        before = [store.ask(i) for i in ask_ids]
        for item in before:
            store.save_ask(replace(item, done=done))
        return before
