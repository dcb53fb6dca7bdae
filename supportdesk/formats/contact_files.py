"""Any contacts file a person may bring: a vCard file, or a Google or Outlook CSV export.

``read_contacts`` looks at what the file holds, not at its name: a file with a
BEGIN:VCARD line is read as vCards, one whose first line is a row of columns as CSV.
"""

from __future__ import annotations

import re

from supportdesk.formats.csv_contacts import decoded, read_csv_contacts
from supportdesk.formats.vcard import Progress, ReadResult, read_vcards

_VCARD = re.compile(r"^\s*(?:[\w-]+\.)?BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE | re.MULTILINE)
_HEAD = 64 * 1024


def read_contacts(data: bytes, progress: Progress | None = None) -> ReadResult:
    """Every contact in ``data``, a vCard file or a Google or Outlook CSV export."""
    head = decoded(data[:min(len(data), _HEAD) // 2 * 2])  # whole UTF-16 characters
    if head is None:  # not text as a CSV file can be; a vCard file decodes card by card
        vcard = re.search(rb"BEGIN\s*:\s*VCARD", data[:_HEAD], re.IGNORECASE)
        return (read_vcards if vcard else read_csv_contacts)(data, progress)
    if not _VCARD.search(head):
        first = head.lstrip().split("\n", 1)[0]
        if any(mark in first for mark in ",;\t"):
            return read_csv_contacts(data, progress)
    return read_vcards(data, progress)
