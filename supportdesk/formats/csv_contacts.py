"""Contacts exported from Google Contacts or Outlook as CSV, told apart by their first row.

Google writes "E-mail 1 - Type"/"E-mail 1 - Value" pairs (its newer export says
"- Label"), several values in one cell joined by " ::: " and "* " before the primary
one; Outlook writes one column per kind of number ("Mobile Phone", "Business Phone")
and per address part ("Home Street", "Home City"). Outlook saves in the system's
code page (Windows-1252 here) or UTF-16 with tabs; Google in UTF-8. Each row becomes a
``ParsedContact`` like a vCard's, so the same preview, checks and undo follow. A row that
cannot be read as it is (too many cells, a quote never closed, nothing in it) is left
out and named by its line; the other rows still come through. Nothing here touches the
vault.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod
from supportdesk.formats.contact_fields import is_honorific, name_from_parts, role_from_text
from supportdesk.formats.vcard import (
    KNOWN_EMAIL_TYPES,
    KNOWN_PHONE_TYPES,
    UNNAMED,
    CardProblem,
    ParsedContact,
    Progress,
    ReadResult,
)

Row = dict[str, str]
NOT_CONTACTS = (
    "this CSV file does not look like a Google Contacts or Outlook export: its first row "
    "has none of their column names (like “E-mail 1 - Value” from Google, or “E-mail "
    "Address” and “Mobile Phone” from Outlook). SupportDesk imports contacts from vCard "
    "(.vcf), Google Contacts CSV and Outlook CSV files.")
UNREADABLE = (
    "this file is not in an encoding SupportDesk can read (UTF-8, UTF-16 or "
    "Windows-1252). Export it again as “CSV UTF-8”, or as a vCard (.vcf) file.")
_GOOGLE_COLUMN = re.compile(r"^(E-mail|Phone|Address|Website) \d+ - (Value|Formatted)$")
_OUTLOOK_COLUMNS = ("E-mail Address", "Mobile Phone", "Home Phone", "Business Phone")
_SEPARATOR = ":::"
RowReader = Callable[[Row], ParsedContact]


def read_csv_contacts(data: bytes, progress: Progress | None = None) -> ReadResult:
    """Every row of a Google or Outlook CSV export; what cannot be read, by line."""
    result = ReadResult()
    text = decoded(data)
    if text is None:
        result.problems.append(CardProblem(0, 1, UNREADABLE))
        return result
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a lone CR ends a line too
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(rows)]
    except (StopIteration, csv.Error):
        header = []
    read_row = _row_reader_for(header)
    if read_row is None:
        message = "the file is empty." if not text.strip() else NOT_CONTACTS
        result.problems.append(CardProblem(0, 1, message))
        return result
    lines = text.count("\n") + 1
    for done, (line, cells, error) in enumerate(_rows(rows)):
        if progress is not None and done % 50 == 0 and not progress(line, lines):
            result.cancelled = True
            return result
        problem = error or _shape_problem(cells, len(header))
        if problem:
            result.problems.append(CardProblem(0, line, problem))
            continue
        if not any(cell.strip() for cell in cells):
            if cells:  # a row of empty cells; a blank line is just a blank line
                result.problems.append(CardProblem(0, line, _EMPTY))
            continue
        contact = read_row(dict(zip(header, (c.strip() for c in cells), strict=False)))
        contact.card, contact.line, contact.entry = len(result.contacts) + 1, line, "row"
        if not contact.name:
            if not (contact.contacts or contact.notes):
                result.problems.append(CardProblem(0, line, _EMPTY))
                continue
            contact.name, contact.name_missing = f"{UNNAMED} {contact.card}", True
        result.contacts.append(contact)
    if progress is not None:
        progress(lines, lines)
    return result


_EMPTY = "this row has no name, phone, email or note; it is left out."


def decoded(data: bytes) -> str | None:
    """The file as text: UTF-8 (with or without its mark), UTF-16, or Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings = ["utf-16"]
    elif len(data) >= 4 and data[1] == data[3] == 0 and data[0] and data[2]:
        encodings = ["utf-16-le"]
    elif len(data) >= 4 and data[0] == data[2] == 0 and data[1] and data[3]:
        encodings = ["utf-16-be"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text.lstrip("\ufeff")
    return None


def _rows(rows: Any) -> Iterator[tuple[int, list[str], str]]:
    """(first line, cells, problem) for each row of a ``csv.reader`` after the header."""
    start = 2
    while True:
        try:
            cells: list[str] = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            if "end of data" in str(error):
                yield start, [], ("a quoted cell in this row is never closed, so the row and "
                                  "the file's end after it could not be read; it is left out.")
                return
            cells, problem = [], ("a quote in this row is out of place (a quoted cell must "
                                  "end at a comma); it is left out.")
        else:
            problem = ""
        yield start, cells, problem
        start = int(rows.line_num) + 1


def _shape_problem(cells: list[str], columns: int) -> str:
    extra = cells[columns:]
    if any(cell.strip() for cell in extra):
        return (f"this row has {len(cells)} cells but the first row names {columns} "
                "columns, so its details cannot be told apart (a comma outside quotes?); "
                "it is left out.")
    return ""


def _row_reader_for(header: list[str]) -> RowReader | None:
    """Google's reader or Outlook's, as the first row's column names say."""
    if any(_GOOGLE_COLUMN.match(column) for column in header):
        return _google_row
    if "First Name" in header and any(column in header for column in _OUTLOOK_COLUMNS):
        return _outlook_row
    return None


def _joined(*parts: str, between: str = ", ") -> str:
    return between.join(part for part in parts if part)


def _who(row: Row, contact: ParsedContact, name: str) -> None:
    """The name (a bare title gives way to the parts), or the organisation's own."""
    if not name or all(is_honorific(word) for word in name.split()):
        name = name_from_parts(*(row.get(old) or row.get(new, "") for old, new in _NAME_KEYS))
        if all(is_honorific(word) for word in name.split()):
            name = ""
    if not name and contact.organisation:
        name, contact.is_organisation = contact.organisation, True
    contact.name = name
    contact.role = role_from_text(contact.title, contact.job_role)


_NAME_KEYS = (("Name Prefix", "Title"), ("Given Name", "First Name"),
              ("Additional Name", "Middle Name"), ("Family Name", "Last Name"),
              ("Name Suffix", "Suffix"))  # Google's older names, its newer and Outlook's


# -- Google ------------------------------------------------------------------------


def _google_values(kind: str, number: str, row: Row) -> Iterator[tuple[str, str, bool]]:
    """(value, label, primary) for "E-mail 1 - Value" and its "- Type" or "- Label"."""
    values = [v.strip() for v in row.get(f"{kind} {number} - Value", "").split(_SEPARATOR)]
    label = row.get(f"{kind} {number} - Type") or row.get(f"{kind} {number} - Label") or ""
    labels = [part.strip() for part in label.split(_SEPARATOR)]
    for index, value in enumerate(values):
        if not value:
            continue
        label = labels[min(index, len(labels) - 1)]
        primary = label.startswith("*")
        yield value, label.lstrip("* ").strip(), primary


def _numbers(row: Row, kind: str) -> list[str]:
    found = (re.match(rf"^{kind} (\d+) - Value$", column) for column in row)
    return [match.group(1) for match in found if match]


def _known(label: str, known: dict[str, str]) -> str:
    return known.get(label.casefold(), label)


def _phone(value: str, label: str, preferred: bool) -> list[ContactMethod]:
    methods = [ContactMethod(ContactType.PHONE, value, label, preferred)]
    if label == "mobile":
        methods.append(ContactMethod(ContactType.SMS, value, label, preferred))
    return methods


def _google_address(row: Row, number: str) -> str:
    key = f"Address {number} - "
    formatted = row.get(key + "Formatted", "")
    if formatted:
        return _joined(*(line.strip() for line in formatted.splitlines()))
    return _joined(*(row.get(key + part, "") for part in (
        "PO Box", "Extended Address", "Street", "City", "Region", "Postal Code", "Country")))


def _google_row(row: Row) -> ParsedContact:
    contact = ParsedContact(card=0, line=0, name="")
    contact.nickname = row.get("Nickname", "")
    contact.notes = row.get("Notes", "")
    contact.organisation = _joined(
        row.get("Organization 1 - Name") or row.get("Organization Name", ""),
        row.get("Organization 1 - Department") or row.get("Organization Department", ""))
    contact.title = row.get("Organization 1 - Title") or row.get("Organization Title", "")
    contact.job_role = row.get("Occupation", "")
    for number in _numbers(row, "E-mail"):
        for value, label, primary in _google_values("E-mail", number, row):
            contact.contacts.append(ContactMethod(
                ContactType.EMAIL, value, _known(label, KNOWN_EMAIL_TYPES), primary))
    for number in _numbers(row, "Phone"):
        for value, label, primary in _google_values("Phone", number, row):
            contact.contacts += _phone(value, _known(label, KNOWN_PHONE_TYPES), primary)
    for number in sorted({m.group(1) for m in (
            re.match(r"^Address (\d+) - ", column) for column in row) if m}):
        address = _google_address(row, number)
        if address:
            label = row.get(f"Address {number} - Type") or row.get(
                f"Address {number} - Label", "")
            contact.contacts.append(ContactMethod(
                ContactType.ADDRESS, address, _known(label.lstrip("* "), KNOWN_EMAIL_TYPES),
                label.startswith("*")))
    for number in _numbers(row, "Website"):
        for value, label, primary in _google_values("Website", number, row):
            contact.contacts.append(ContactMethod(ContactType.WEB, value, label, primary))
    _who(row, contact, row.get("Name", "") or row.get("File As", ""))
    return contact


# -- Outlook -----------------------------------------------------------------------

_OUTLOOK_PHONES = {
    "Mobile Phone": "mobile", "Home Phone": "home", "Home Phone 2": "home",
    "Business Phone": "work", "Business Phone 2": "work", "Company Main Phone": "main",
    "Other Phone": "other", "Car Phone": "car", "Pager": "pager",
    "Assistant's Phone": "assistant", "Callback": "callback", "Radio Phone": "radio",
    "TTY/TDD Phone": "TTY/TDD", "Business Fax": "fax", "Home Fax": "fax", "Other Fax": "fax",
}
_OUTLOOK_ADDRESSES = (("Home", "home"), ("Business", "work"), ("Other", "other"))
_ADDRESS_PARTS = ("Address PO Box", "Street", "Street 2", "Street 3", "City", "State",
                  "Postal Code", "Country/Region")


def _outlook_phones(row: Row) -> list[ContactMethod]:
    """Each number once, in the file's column order; the "Primary Phone" preferred."""
    phones: list[ContactMethod] = []
    for column, value in row.items():
        label = _OUTLOOK_PHONES.get(column)
        if label is not None and value and all(m.value != value for m in phones):
            phones += _phone(value, label, False)
    primary = row.get("Primary Phone", "")
    if primary and any(m.value == primary for m in phones):
        return [replace(m, preferred=True) if m.value == primary else m for m in phones]
    return phones + (_phone(primary, "", True) if primary else [])


def _outlook_row(row: Row) -> ParsedContact:
    contact = ParsedContact(card=0, line=0, name="")
    contact.nickname = row.get("Nickname", "")
    contact.notes = row.get("Notes", "")
    contact.organisation = _joined(row.get("Company", ""), row.get("Department", ""))
    contact.title = row.get("Job Title", "")
    contact.job_role = row.get("Profession", "")
    for column in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"):
        if row.get(column):
            contact.contacts.append(ContactMethod(ContactType.EMAIL, row[column]))
    contact.contacts += _outlook_phones(row)
    for prefix, label in _OUTLOOK_ADDRESSES:
        address = _joined(*(row.get(f"{prefix} {part}", "") for part in _ADDRESS_PARTS))
        if address:
            contact.contacts.append(ContactMethod(ContactType.ADDRESS, address, label))
    for column in ("Web Page", "Personal Web Page"):
        if row.get(column):
            contact.contacts.append(ContactMethod(ContactType.WEB, row[column]))
    _who(row, contact, "")
    return contact

