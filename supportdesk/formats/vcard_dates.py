"""BDAY and ANNIVERSARY in vCards, read in their 2.1/3.0 and 4.0 forms and written as 4.0.

Read: ``1990-03-12``, ``19900312``, ``1990-03-12T00:00:00Z`` (a time is ignored), and a
date with no year: ``--0312`` (4.0) or ``--03-12`` (3.0 as some phones write it);
Apple's 3.0 ``X-ANNIVERSARY`` too. A year of 1604 is Apple's "no year" and is dropped.
Written: ``BDAY:19900312``, or ``BDAY:--0312`` when the year is not known; in 3.0
(``date_lines_30``) ``BDAY:1990-03-12`` and Apple's ``1604-03-12`` with
``X-APPLE-OMIT-YEAR=1604`` for no year, an anniversary as ``X-ANNIVERSARY`` (3.0 has no
ANNIVERSARY). Only birthdays and anniversaries go into a card: a hard date stays in
SupportDesk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from supportdesk.core.dates import DateKind, ImportantDate, valid_day

PROPERTIES = {"BDAY": DateKind.BIRTHDAY, "ANNIVERSARY": DateKind.ANNIVERSARY,
              "X-ANNIVERSARY": DateKind.ANNIVERSARY}
_WITH_YEAR = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})(?:T.*)?$")
NO_YEAR_MARKERS = (1604,)  # Apple Contacts writes 1604 for "no year"


def date_from(property_name: str, value: object) -> list[ImportantDate]:
    """The date a BDAY/ANNIVERSARY line holds ([] if it is not a date this reads)."""
    kind = PROPERTIES.get(property_name.upper())
    text = str(value).strip() if isinstance(value, str) else ""
    if kind is None or not text:
        return []
    year: int | None
    if (found := _WITH_YEAR.match(text)) is not None:
        year, month, day = (int(part) for part in found.groups())
        if year in NO_YEAR_MARKERS:
            year = None
    elif (found := _NO_YEAR.match(text)) is not None:
        year, (month, day) = None, (int(part) for part in found.groups())
    else:
        return []
    if not valid_day(month, day) or (year is not None and not 1800 <= year <= 2200):
        return []
    return [ImportantDate(kind, month, day, year)]


def date_lines(dates: Sequence[ImportantDate]) -> list[str]:
    """The card's BDAY and ANNIVERSARY (the first of each; vCard holds one)."""
    lines = []
    for kind, name in ((DateKind.BIRTHDAY, "BDAY"), (DateKind.ANNIVERSARY, "ANNIVERSARY")):
        item = next((d for d in dates if d.kind is kind), None)
        if item is not None:
            year = f"{item.year:04d}" if item.year is not None else "--"
            lines.append(f"{name}:{year}{item.month:02d}{item.day:02d}")
    return lines


def date_lines_30(dates: Sequence[ImportantDate]) -> list[str]:
    """The same for a vCard 3.0."""
    lines = []
    for kind, name in ((DateKind.BIRTHDAY, "BDAY"), (DateKind.ANNIVERSARY, "X-ANNIVERSARY")):
        item = next((d for d in dates if d.kind is kind), None)
        if item is not None:
            year, omit = ((item.year, "") if item.year is not None
                          else (NO_YEAR_MARKERS[0], f";X-APPLE-OMIT-YEAR={NO_YEAR_MARKERS[0]}"))
            lines.append(f"{name}{omit}:{year:04d}-{item.month:02d}-{item.day:02d}")
    return lines


def merged(have: Sequence[ImportantDate], more: Sequence[ImportantDate]
           ) -> list[ImportantDate]:
    """``have`` with the dates of ``more`` of a kind it does not have yet."""
    kinds = {d.kind for d in have}
    return [*have, *(d for d in more if d.kind not in kinds)]
