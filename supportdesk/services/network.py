"""Keeping the network: supporters, check-ins and gratitude.

Every change goes through here, so the GUI and the CLI share one code path.
What is saved is cleaned (odd Unicode, stray control characters) and checked
first; a problem raises ``ValidationError`` naming the field, and nothing is written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from supportdesk.core.errors import NotFoundError, ValidationError
from supportdesk.core.help_kinds import clean_kinds
from supportdesk.core.i18n import _, ngettext
from supportdesk.core.insights import Lean, SupportCount, reciprocity_balance
from supportdesk.core.kinds import Initiator, Kind, Mode, Role
from supportdesk.core.model import (
    Boundaries,
    CheckIn,
    ContactMethod,
    Gratitude,
    HelpNotes,
    Supporter,
)
from supportdesk.core.schedule import local_zone, next_due
from supportdesk.core.validation import (
    LONG_TEXT_LIMIT,
    check_length,
    clean_line,
    clean_text,
    ensure_valid,
)
from supportdesk.services.clock import Clock, system_clock
from supportdesk.services.settings import Settings
from supportdesk.store.repository import Repository, SupporterSnapshot

CHECKIN_PAGE = 200  # check-ins read at a time for the Check-ins list
AMBIGUOUS_SHOWN = 12  # candidates named when a name could mean several people


def matching_name(name: str) -> str:
    """A name as finding someone sees it: "Dr  ÁVILA" and "dr avila" are the same."""
    decomposed = unicodedata.normalize("NFKD", name).casefold()
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class PersonSummary:
    """One supporter as lists show them: the supporter and when they are next due."""

    supporter: Supporter
    next_due: datetime | None


@dataclass(frozen=True)
class Reciprocity:
    """Support each way with one supporter over the last ``months``, in plain words.

    The counting and the balance rule are the insights module's (``SupportCount``,
    ``reciprocity_balance``), so this page and the Today overview agree.
    """

    months: int
    count: SupportCount
    lean: Lean

    @property
    def words(self) -> str:
        """How support has gone, in words rather than a tally: counts of support read
        like a ledger, and nobody keeps one with the people they love."""
        months, c = self.months, self.count
        if c.checkins == 0:
            return ngettext("No check-ins logged in the last month.",
                            "No check-ins logged in the last {months} months.",
                            months).format(months=months)
        if self.lean is Lean.QUIET:
            span = ngettext("in the last month", "in the last {months} months",
                            months).format(months=months)
            # TRANSLATORS: {times} like "once" or "3 times"; {span} like "in the last 3 months".
            return _("In touch {times} {span}; no support noted.").format(
                times=_times(c.checkins), span=span)
        # TRANSLATORS: {span} starts each sentence about how support has gone.
        span = ngettext("Over the last month", "Over the last {months} months",
                        months).format(months=months)
        if self.lean is Lean.MOSTLY_GIVING:
            words = _("{span} you've mostly been the one offering support here.")
        elif self.lean is Lean.MOSTLY_RECEIVING:
            words = _("{span} they've mostly been there for you, and that's okay.")
        elif c.gave and c.received:
            words = _("{span} support has gone both ways.")
        elif c.received:
            words = _("{span} they've been there for you.")
        else:
            words = _("{span} you've been there for them.")
        return words.format(span=span)

    def adds_to(self, shorter: Reciprocity) -> bool:
        """Whether this longer span tells something ``shorter`` does not (a different
        balance, or check-ins where the shorter span has none), so a page shows it too."""
        if self.count.checkins == shorter.count.checkins:
            return False
        return shorter.count.checkins == 0 or self.lean is not shorter.lean


def _times(count: int) -> str:
    if count == 2:
        return _("twice")
    return ngettext("once", "{count} times", count).format(count=count)


def reciprocity(checkins: list[CheckIn], now: datetime, months: int,
                supporter_id: int = 0) -> Reciprocity:
    """Support given and received in check-ins from the last ``months`` (30-day months)."""
    since = now - timedelta(days=30 * months)
    recent = [c for c in checkins if since <= c.at <= now]
    count = SupportCount(supporter_id=supporter_id, checkins=len(recent),
                         gave=sum(1 for c in recent if c.support_given),
                         received=sum(1 for c in recent if c.support_received))
    return Reciprocity(months, count, reciprocity_balance([count]).lean)


def cleaned_supporter(supporter: Supporter) -> Supporter:
    """The supporter with every text field tidied, and the role only kept for professionals."""
    return replace(
        supporter,
        name=clean_line(supporter.name),
        role=supporter.role if supporter.kind is Kind.PROFESSIONAL else Role.NONE,
        contacts=[
            ContactMethod(c.type, clean_line(c.value), clean_line(c.label), c.preferred)
            for c in supporter.contacts
        ],
        meeting_schedule=clean_line(supporter.meeting_schedule),
        meeting_place=clean_text(supporter.meeting_place),
        boundaries=Boundaries(clean_text(supporter.boundaries.mine),
                              clean_text(supporter.boundaries.theirs)),
        help=HelpNotes(clean_text(supporter.help.warning_signs),
                       clean_text(supporter.help.what_helps),
                       clean_text(supporter.help.what_does_not),
                       clean_text(supporter.help.in_a_crisis)),
        notes=clean_text(supporter.notes),
        help_with=clean_kinds(supporter.help_with),
    )


class NetworkService:
    def __init__(self, repo: Repository, clock: Clock = system_clock) -> None:
        self.repo = repo
        self.clock = clock

    # supporters
    def supporters(self) -> list[Supporter]:
        return self.repo.supporters()

    def supporter(self, supporter_id: int) -> Supporter:
        return self.repo.supporter(supporter_id)

    def supporter_heads(self) -> list[Supporter]:
        """Everyone without contact methods or notes (for schedules); never for editing."""
        return self.repo.supporter_heads()

    def people(self) -> list[PersonSummary]:
        """Everyone with their next due moment (paused people have none)."""
        defaults = Settings(self.repo).cadence_defaults()
        zone = local_zone()  # once: finding it reads the system's settings
        return [PersonSummary(s, next_due(s, defaults, zone)) for s in self.repo.supporters()]

    def person(self, supporter_id: int) -> PersonSummary:
        supporter = self.repo.supporter(supporter_id)
        return PersonSummary(supporter, next_due(supporter, Settings(self.repo).cadence_defaults()))

    def find(self, name: str) -> list[Supporter]:
        """Supporters whose name is ``name``, else those whose name contains it; case,
        accents and spacing set aside (``matching_name``), by name."""
        wanted = matching_name(name)
        found = [s for s in self.repo.supporter_heads() if wanted in matching_name(s.name)]
        exact = [s for s in found if matching_name(s.name) == wanted]
        chosen = sorted(exact or found, key=lambda s: matching_name(s.name))
        # the heads carry no contacts or notes: the chosen ones are read whole
        return [self.repo.supporter(s.id) for s in chosen if s.id is not None]

    def find_one(self, name: str) -> Supporter:
        """The one supporter a name means; a clear error when none or several match."""
        matches = self.find(name)
        if not matches:
            raise NotFoundError(f"Nobody called “{clean_line(name)}” is in your network.",
                                hint="`supportdesk list` shows everyone.")
        if len(matches) > 1:
            names = ", ".join(s.name for s in matches[:AMBIGUOUS_SHOWN])
            if len(matches) > AMBIGUOUS_SHOWN:
                names += f" and {len(matches) - AMBIGUOUS_SHOWN} more"
            raise ValidationError(f"“{clean_line(name)}” could mean {names}; "
                                  "please type more of the name.", field="name")
        return matches[0]

    def save_supporter(self, supporter: Supporter) -> Supporter:
        cleaned = cleaned_supporter(supporter)
        ensure_valid(cleaned)
        if cleaned.id is None:
            return self.repo.add_supporter(cleaned, now=self.clock())
        return self.repo.update_supporter(cleaned)

    def delete_supporter(self, supporter_id: int) -> SupporterSnapshot:
        return self.repo.delete_supporter(supporter_id)

    def restore_supporter(self, snapshot: SupporterSnapshot) -> Supporter:
        return self.repo.restore_supporter(snapshot)

    def reciprocity(self, supporter_id: int, months: int) -> Reciprocity:
        return reciprocity(self.repo.checkins(supporter_id=supporter_id), self.clock(), months,
                           supporter_id)

    # check-ins
    def log_checkin(self, checkin: CheckIn) -> CheckIn:
        checkin = self._checked_checkin(checkin)
        if checkin.id is None:
            saved = self.repo.add_checkin(checkin)
        else:
            saved = self.repo.update_checkin(checkin)
        self._clear_snooze(checkin.supporter_id)
        return saved

    def _checked_checkin(self, checkin: CheckIn) -> CheckIn:
        self.repo.supporter(checkin.supporter_id)  # NotFoundError if they were removed
        for mood in (checkin.mood_before, checkin.mood_after):
            if mood is not None and not 1 <= mood <= 5:
                raise ValidationError("Mood goes from 1 (very low) to 5 (very good).",
                                      field="mood")
        if checkin.at.tzinfo is None:
            raise ValueError("check-in times must be timezone-aware")
        note = clean_text(checkin.note)
        problem = check_length(note, LONG_TEXT_LIMIT)
        if problem:
            raise ValidationError(problem, field="note")
        return replace(checkin, note=note, initiator=Initiator(checkin.initiator))

    def _clear_snooze(self, supporter_id: int) -> None:
        supporter = self.repo.supporter(supporter_id)
        if supporter.cadence.snoozed_until is not None:
            self.repo.update_supporter(
                replace(supporter, cadence=replace(supporter.cadence, snoozed_until=None))
            )

    def checkin(self, checkin_id: int) -> CheckIn:
        return self.repo.checkin(checkin_id)

    def delete_checkin(self, checkin_id: int) -> CheckIn:
        return self.repo.delete_checkin(checkin_id)

    def restore_checkin(self, checkin: CheckIn) -> CheckIn:
        return self.repo.add_checkin(checkin)

    def checkins(self, supporter_id: int | None = None) -> list[CheckIn]:
        return self.repo.checkins(supporter_id=supporter_id)

    def checkins_page(self, *, supporter_id: int | None = None, mode: Mode | None = None,
                      words: Sequence[str] = (), after: CheckIn | None = None,
                      limit: int = CHECKIN_PAGE) -> list[CheckIn]:
        """A page of check-ins, newest first, filtered in the database (ten years of
        them are never all read at once); ``after`` is the last one already shown."""
        return self.repo.checkins_page(supporter_id=supporter_id,
                                       mode=mode.value if mode else None, words=words,
                                       after=after, limit=limit)

    # gratitude
    def gratitude(self, supporter_id: int | None = None) -> list[Gratitude]:
        return self.repo.gratitude(supporter_id)

    def add_gratitude(self, supporter_id: int | None, text: str,
                      on: date | None = None) -> Gratitude:
        day = on or self.clock().astimezone().date()
        return self.save_gratitude(Gratitude(supporter_id=supporter_id, on=day, text=text))

    def save_gratitude(self, entry: Gratitude) -> Gratitude:
        text = clean_text(entry.text)
        if not text:
            raise ValidationError("Write a few words about what you are grateful for.",
                                  field="text")
        problem = check_length(text, LONG_TEXT_LIMIT)
        if problem:
            raise ValidationError(problem, field="text")
        return self.repo.save_gratitude(replace(entry, text=text))

    def gratitude_entry(self, entry_id: int) -> Gratitude:
        for entry in self.repo.gratitude():
            if entry.id == entry_id:
                return entry
        raise NotFoundError("That gratitude entry is no longer there.")

    def delete_gratitude(self, entry_id: int) -> Gratitude:
        return self.repo.delete_gratitude(entry_id)
