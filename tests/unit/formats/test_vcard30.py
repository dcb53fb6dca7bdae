"""Writing vCard 3.0, for address books that do not read 4.0 (Outlook, older phones and
Apple Contacts): organisations marked with X-ABShowAs:COMPANY and no KIND, numbers as
text with TYPE, TYPE=pref, dates in 3.0's forms; everything comes back the same."""

from __future__ import annotations

import vobject

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.formats.vcard import read_vcards, write_vcards
from tests.unit.formats.test_vcard_fields import _everything, _held, _supporter_held

BIRTHDAY = ImportantDate(DateKind.BIRTHDAY, 2, 29, 1992)
NO_YEAR = ImportantDate(DateKind.ANNIVERSARY, 6, 1)


def test_version_3_0_is_written_with_its_own_forms() -> None:
    text = write_vcards([
        Supporter("Tuesday Walkers", Kind.GROUP),
        Supporter("Zoë", Kind.FRIEND, timezone="Europe/London", dates=[BIRTHDAY, NO_YEAR],
                  contacts=[ContactMethod(ContactType.PHONE, "+44 7700 900123", "mobile", True),
                            ContactMethod(ContactType.SMS, "+44 7700 900123", "mobile", True),
                            ContactMethod(ContactType.PHONE, "0113 496 0000", "home"),
                            ContactMethod(ContactType.EMAIL, "zoe@example.org", "home")]),
    ], version="3.0")
    walkers, zoe = text.split("END:VCARD\r\n")[:-1]
    assert walkers.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "\r\nX-ABShowAs:COMPANY\r\n" in walkers and "\r\nORG:Tuesday Walkers\r\n" in walkers
    assert "KIND:" not in walkers.replace("X-SUPPORTDESK-KIND:", "")
    assert "\r\nTEL;TYPE=cell,voice,msg,pref:+44 7700 900123\r\n" in zoe
    assert "\r\nTEL;TYPE=home,voice:0113 496 0000\r\n" in zoe
    assert "\r\nEMAIL;TYPE=home,internet:zoe@example.org\r\n" in zoe
    assert "\r\nBDAY:1992-02-29\r\n" in zoe
    assert "\r\nX-ANNIVERSARY;X-APPLE-OMIT-YEAR=1604:1604-06-01\r\n" in zoe
    assert "\r\nTZ;VALUE=text:Europe/London\r\n" in zoe
    assert "VALUE=uri" not in text and "PREF=" not in text and "tel:" not in text
    [back_walkers, back_zoe] = read_vcards(text.encode()).contacts
    assert (back_walkers.is_organisation, back_walkers.kind) == (True, Kind.GROUP)
    assert sorted(back_zoe.dates, key=lambda d: d.kind.value) == [NO_YEAR, BIRTHDAY]
    assert back_zoe.timezone == "Europe/London"


def test_a_3_0_round_trip_through_vobject_keeps_every_field_supportdesk_holds() -> None:
    people = _everything()
    ours = write_vcards(people, version="3.0")
    cards = list(vobject.readComponents(ours))
    assert {c.version.value for c in cards} == {"3.0"}
    through = "".join(c.serialize() for c in cards)
    assert through != ours  # vobject really rewrote it
    assert [_held(c) for c in read_vcards(through.encode()).contacts] == [
        _supporter_held(s) for s in people]


def test_organisations_without_our_own_fields_come_back_as_organisations() -> None:
    """Another address book keeps X-ABShowAs but drops SupportDesk's X- properties."""
    text = write_vcards([Supporter("Peers Online", Kind.ONLINE, contacts=[
        ContactMethod(ContactType.WEB, "https://forum.example")]),
        Supporter("Crisis Helpline", Kind.CRISIS, contacts=[
            ContactMethod(ContactType.PHONE, "116 123")])], version="3.0")
    foreign = "\r\n".join(line for line in text.split("\r\n")
                          if not line.startswith("X-SUPPORTDESK-"))
    assert [c.organisation_kind for c in read_vcards(foreign.encode()).contacts] == [
        Kind.ONLINE, Kind.CRISIS]


def test_a_label_beside_a_mobile_number_is_kept_in_both_versions() -> None:
    for version in ("3.0", "4.0"):
        text = write_vcards([Supporter("Jo", Kind.FRIEND, contacts=[
            ContactMethod(ContactType.PHONE, "+44 7700 900999", "work"),
            ContactMethod(ContactType.SMS, "+44 7700 900999", "work")])], version=version)
        [jo] = read_vcards(text.encode()).contacts
        assert sorted((m.type, m.label) for m in jo.contacts) == [
            (ContactType.PHONE, "work"), (ContactType.SMS, "work")], version
