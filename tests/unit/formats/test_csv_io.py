from __future__ import annotations

import csv
import io

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.formats.csv_io import COLUMNS, safe_cell, write_csv


def test_one_row_per_supporter_with_contact_methods_joined() -> None:
    people = [Supporter("Mo", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "0161 496 0000", "home"),
        ContactMethod(ContactType.PHONE, "07700 900123", "mobile"),
        ContactMethod(ContactType.EMAIL, "mo@example.org")]), Supporter("Bea", Kind.FAMILY)]
    rows = list(csv.reader(io.StringIO(write_csv(people))))
    assert rows[0] == COLUMNS
    assert len(rows) == 3
    mo = dict(zip(COLUMNS, rows[1], strict=True))
    assert mo["Phone"] == "0161 496 0000 (home); 07700 900123 (mobile)"
    assert mo["Email"] == "mo@example.org"
    assert mo["Kind"] == "Friend"


def test_cells_that_spreadsheets_would_run_are_quoted() -> None:
    evil = Supporter("=HYPERLINK(\"http://x\")", Kind.FRIEND, notes="+1 call me",
                     contacts=[ContactMethod(ContactType.WEB, "@SUM(1)")])
    rows = list(csv.reader(io.StringIO(write_csv([evil]))))
    cells = dict(zip(COLUMNS, rows[1], strict=True))
    assert cells["Name"].startswith("'=")
    assert cells["Notes"] == "'+1 call me"
    assert cells["Web"] == "'@SUM(1)"
    assert safe_cell("-2") == "'-2" and safe_cell("Plain") == "Plain"
