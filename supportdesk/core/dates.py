"""Dates that matter: birthdays, anniversaries and hard dates that come round each year.

A date may have no year (a birthday known as "12 March"). A 29 February comes round on
28 February in years without one, so it is never missed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from supportdesk.core.i18n import _, ngettext


class DateKind(StrEnum):
    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    HARD = "hard"  # a loss, a diagnosis day: the person names it

    @property
    def label(self) -> str:
        return {"birthday": "Birthday", "anniversary": "Anniversary",
                "hard": "A hard day"}[self.value]


@dataclass(frozen=True)
class ImportantDate:
    kind: DateKind
    month: int
    day: int
    year: int | None = None
    label: str = ""  # the person's own name for it ("Mum's anniversary")
    remind_days: int | None = None  # a gentle reminder this many days before
    ask_company: bool = False  # a hard day: "would you like someone with you?"

    @property
    def title(self) -> str:
        return self.label.strip() or self.kind.label


def valid_day(month: int, day: int) -> bool:
    """Whether a month and day exist in some year (29 February does)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def on_year(item: ImportantDate, year: int) -> date:
    """The day it falls on in ``year`` (29 February on the 28th when there is none)."""
    if item.month == 2 and item.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, item.month, item.day)


def next_on(item: ImportantDate, today: date) -> date:
    """The day it next comes round, today included."""
    this_year = on_year(item, today.year)
    return this_year if this_year >= today else on_year(item, today.year + 1)


def years_on(item: ImportantDate, on: date) -> int | None:
    """How many years it will be on ``on`` (a birthday's age), when the year is known."""
    return None if item.year is None else on.year - item.year


def remind_on(item: ImportantDate, today: date) -> date | None:
    """The day of its next gentle reminder, if it has one."""
    if item.remind_days is None:
        return None
    return next_on(item, today) - timedelta(days=item.remind_days)


def within(item: ImportantDate, today: date, days: int) -> bool:
    """Whether it comes round within ``days`` days (0 is today only)."""
    return (next_on(item, today) - today).days <= days


def days_words(on: date, today: date) -> str:
    """ "today", "tomorrow", "in 5 days"."""
    gap = (on - today).days
    if gap == 0:
        return _("today")
    if gap == 1:
        return _("tomorrow")
    return ngettext("in {count} day", "in {count} days", gap).format(count=gap)
