"""The value types of the domain.

Every datetime is timezone-aware (UTC in storage); ids are ``None`` until saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from supportdesk.core.dates import ImportantDate
from supportdesk.core.kinds import (
    Channel,
    ContactType,
    Direction,
    Initiator,
    Kind,
    Mode,
    PlanStep,
    Ring,
    Role,
    SupportType,
    TieStrength,
)
from supportdesk.core.meetings import Meeting

ALL_DAYS = frozenset(range(7))  # Monday is 0, as in datetime.weekday()
WEEKDAYS = frozenset(range(5))


@dataclass(frozen=True)
class ContactMethod:
    type: ContactType
    value: str
    label: str = ""  # "mobile", "work", ...
    preferred: bool = False


@dataclass(frozen=True)
class AvailabilityWindow:
    """Reachable on ``days`` from ``start`` to ``end`` in the supporter's time zone.

    ``end`` earlier than ``start`` means the window runs past midnight;
    ``start == end`` means the whole day.
    """

    days: frozenset[int]
    start: time
    end: time

    @classmethod
    def always(cls) -> AvailabilityWindow:
        return cls(ALL_DAYS, time(0, 0), time(0, 0))

    @classmethod
    def office_hours(cls) -> AvailabilityWindow:
        return cls(WEEKDAYS, time(9, 0), time(17, 0))

    @property
    def is_always(self) -> bool:
        return self.days == ALL_DAYS and self.start == self.end


@dataclass(frozen=True)
class Boundaries:
    """Boundary notes in both directions, shown before reaching out."""

    mine: str = ""  # boundaries I keep with them
    theirs: str = ""  # their boundaries that I respect


@dataclass(frozen=True)
class HelpNotes:
    """"How you can help me" notes."""

    warning_signs: str = ""
    what_helps: str = ""
    what_does_not: str = ""
    in_a_crisis: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.warning_signs or self.what_helps or self.what_does_not or self.in_a_crisis)


@dataclass(frozen=True)
class Cadence:
    """How often I want contact; ``every`` None means the ring's default."""

    every: timedelta | None = None
    paused: bool = False
    snoozed_until: datetime | None = None


@dataclass
class Supporter:
    name: str
    kind: Kind
    role: Role = Role.NONE
    ring: Ring = Ring.MIDDLE
    tie: TieStrength = TieStrength.NORMAL
    stressful: bool = False
    direction: Direction = Direction.MUTUAL
    contacts: list[ContactMethod] = field(default_factory=list)
    availability: list[AvailabilityWindow] = field(default_factory=list)
    timezone: str = ""  # IANA name; empty means the user's own
    meeting_schedule: str = ""  # groups: "Tuesdays 7pm, fortnightly"
    meeting_place: str = ""
    boundaries: Boundaries = field(default_factory=Boundaries)
    help: HelpNotes = field(default_factory=HelpNotes)
    notes: str = ""
    cadence: Cadence = field(default_factory=Cadence)
    meetings: list[Meeting] = field(default_factory=list)  # a schedule, not words
    dates: list[ImportantDate] = field(default_factory=list)  # birthdays, hard days
    help_with: tuple[str, ...] = ()  # kinds of help they offer (core/help_kinds.py)
    created: datetime | None = None
    last_contact: datetime | None = None  # derived from check-ins; read-only
    id: int | None = None

    @property
    def kind_label(self) -> str:
        if self.kind is Kind.PROFESSIONAL and self.role is not Role.NONE:
            return self.role.label
        return self.kind.label


@dataclass
class CheckIn:
    supporter_id: int
    at: datetime
    mode: Mode = Mode.CALL
    initiator: Initiator = Initiator.ME
    mood_before: int | None = None  # 1 (very low) .. 5 (very good)
    mood_after: int | None = None
    support_given: frozenset[SupportType] = frozenset()
    support_received: frozenset[SupportType] = frozenset()
    note: str = ""
    id: int | None = None


@dataclass
class Gratitude:
    supporter_id: int | None
    on: date
    text: str
    thanked: bool = False
    id: int | None = None


@dataclass
class PlanItem:
    """One line of the safety plan; people steps may link a supporter."""

    step: PlanStep
    text: str = ""
    supporter_id: int | None = None
    position: int = 0
    id: int | None = None


@dataclass
class CrisisLine:
    country: str  # ISO 3166-1 alpha-2, upper case
    name: str
    contact: str  # number, text code or web address
    channel: Channel
    hours: str
    source: str
    verified: date | None = None
    user_added: bool = False
    notes: str = ""
    id: int | None = None


MOOD_LABELS = {1: "Very low", 2: "Low", 3: "Okay", 4: "Good", 5: "Very good"}
