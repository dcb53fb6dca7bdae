"""CSV for spreadsheet apps: one row per supporter, contact methods joined.

Written as text; the caller stores it as UTF-8 with a byte-order mark so Excel and
LibreOffice pick the right encoding. A cell that a spreadsheet would run as a formula
(starting with = + - @, or a tab/carriage return) is prefixed with a quote.
"""

from __future__ import annotations

import csv
import io

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod, Supporter

COLUMNS = ["Name", "Kind", "Circle", "Phone", "Text", "Email", "Web", "Address",
           "Time zone", "Check in every (days)", "Last contact", "Boundaries I keep",
           "Their boundaries", "What helps", "Notes"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATOR = "; "


def safe_cell(value: str) -> str:
    """``value`` as a spreadsheet will show it, never run it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _joined(contacts: list[ContactMethod], kind: ContactType) -> str:
    return SEPARATOR.join(
        f"{m.value} ({m.label})" if m.label else m.value for m in contacts if m.type is kind
    )


def supporter_row(supporter: Supporter) -> list[str]:
    every = supporter.cadence.every
    last = supporter.last_contact
    return [
        supporter.name,
        supporter.kind_label,
        supporter.ring.label,
        _joined(supporter.contacts, ContactType.PHONE),
        _joined(supporter.contacts, ContactType.SMS),
        _joined(supporter.contacts, ContactType.EMAIL),
        _joined(supporter.contacts, ContactType.WEB),
        _joined(supporter.contacts, ContactType.ADDRESS),
        supporter.timezone,
        str(every.days) if every is not None else "",
        last.date().isoformat() if last is not None else "",
        supporter.boundaries.mine,
        supporter.boundaries.theirs,
        supporter.help.what_helps,
        supporter.notes,
    ]


def write_csv(supporters: list[Supporter]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for supporter in supporters:
        writer.writerow([safe_cell(cell) for cell in supporter_row(supporter)])
    return buffer.getvalue()
