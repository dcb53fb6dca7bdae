"""Birthdays and anniversaries in vCards: 3.0 and 4.0 forms, no year, and a round trip
through vobject (a real vCard parser) and back through SupportDesk's reader."""

from __future__ import annotations

import vobject

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.formats.vcard import read_vcards, write_vcards

BIRTHDAY = ImportantDate(DateKind.BIRTHDAY, 2, 29, year=1992)
NO_YEAR = ImportantDate(DateKind.ANNIVERSARY, 6, 1)
HARD = ImportantDate(DateKind.HARD, 11, 2, label="Losing Gran")


def _card(version: str, *lines: str) -> bytes:
    body = "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", "FN:Sam", *lines, "END:VCARD"])
    return (body + "\r\n").encode()


def _dates(data: bytes) -> list[ImportantDate]:
    [contact] = read_vcards(data).contacts
    return contact.dates


def test_the_forms_of_3_0_and_4_0_are_read() -> None:
    assert _dates(_card("3.0", "BDAY:1992-02-29")) == [BIRTHDAY]
    assert _dates(_card("3.0", "BDAY;VALUE=date:1992-02-29T00:00:00Z")) == [BIRTHDAY]
    assert _dates(_card("4.0", "BDAY:19920229")) == [BIRTHDAY]
    assert _dates(_card("4.0", "ANNIVERSARY:--0601")) == [NO_YEAR]
    assert _dates(_card("3.0", "X-ANNIVERSARY:--06-01")) == [NO_YEAR]
    assert _dates(_card("3.0", "BDAY:1604-06-01")) == [ImportantDate(DateKind.BIRTHDAY, 6, 1)]


def test_what_is_not_a_date_is_left_out() -> None:
    for value in ("soon", "1992-02-30", "--1301", "circa 1990"):
        assert _dates(_card("4.0", f"BDAY:{value}")) == []


def test_a_round_trip_through_vobject_keeps_them_and_leaves_hard_dates_out() -> None:
    sam = Supporter("Sam", Kind.FRIEND, dates=[BIRTHDAY, NO_YEAR, HARD], id=1)
    text = write_vcards([sam])
    assert "Losing Gran" not in text and "1102" not in text
    [card] = list(vobject.readComponents(text))
    assert card.bday.value == "19920229"
    assert card.anniversary.value == "--0601"
    again = vobject.readOne(card.serialize()).serialize().encode()  # vobject writes it back
    assert sorted(_dates(again), key=lambda d: d.kind.value) == [NO_YEAR, BIRTHDAY]


def test_an_imported_birthday_lands_on_the_person(session) -> None:
    from supportdesk.services.application import Application

    app = Application(session)
    preview = app.importing.preview(_card("3.0", "TEL:+44 7700 900123", "BDAY:1992-02-29"))
    app.import_contacts(preview)
    [sam] = app.network.supporters()
    assert sam.dates == [BIRTHDAY]
