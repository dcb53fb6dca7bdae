"""vCard both ways: names with titles, professional roles, organisations, tel: URIs,
and round trips through vobject and through khard-style cards.

``data/khard/`` holds cards written by hand in the shape khard's template produces (FN,
N with prefix and suffix, NICKNAME, ORG, TITLE, ROLE, several TEL with TYPE, EMAIL, ADR,
BDAY, NOTE and X- fields; vCard 3.0 and 4.0), fuller than khard's own test cards, which
are in ``data/khard/upstream/`` (test_khard_cards.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import vobject

from supportdesk.core.kinds import ContactType, Kind, Ring, Role
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.formats.vcard import ParsedContact, read_vcards, write_vcards

KHARD = Path(__file__).parent / "data" / "khard"


def card(*lines: str, version: str = "3.0") -> bytes:
    return ("\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"])
            + "\r\n").encode()


def one(data: bytes) -> ParsedContact:
    [contact] = read_vcards(data).contacts
    return contact


def test_a_title_in_the_given_name_slot_is_part_of_the_name() -> None:
    assert one(card("N:Patel;Dr")).name == "Dr Patel"
    # a phone that wrote FN from the given-name slot alone
    assert one(card("FN:Dr", "N:Patel;Dr;;;")).name == "Dr Patel"
    assert one(card("FN:Mrs.", "N:Okafor;Mrs.;;;", version="2.1")).name == "Mrs. Okafor"


def test_prefix_and_suffix_stay_in_the_name_title_and_role_in_their_places() -> None:
    contact = one(card("N:Ames;Helen;;Dr;PhD", "TITLE:Consultant psychiatrist",
                       "ROLE:Clinical lead", "ORG:Northside Practice;Adult services"))
    assert contact.name == "Dr Helen Ames PhD"
    assert (contact.title, contact.job_role) == ("Consultant psychiatrist", "Clinical lead")
    assert contact.organisation == "Northside Practice, Adult services"
    assert contact.role is Role.PSYCHIATRIST
    assert contact.looks_professional


def test_roles_are_recognised_from_title_or_role() -> None:
    def role_of(*lines: str) -> Role:
        return one(card("FN:Someone", *lines)).role

    assert role_of("TITLE:Community Psychiatric Nurse") is Role.CPN
    assert role_of("ROLE:Counsellor") is Role.THERAPIST
    assert role_of("TITLE:Senior social worker") is Role.SOCIAL_WORKER
    assert role_of("TITLE:GP partner") is Role.GP
    assert role_of("TITLE:Key worker") is Role.SUPPORT_WORKER
    assert role_of("TITLE:Gardener") is Role.NONE


def test_organisation_cards_are_read_as_organisations_of_the_right_kind() -> None:
    group = one(card("FN:Tuesday Walkers", "X-ABShowAs:COMPANY", "ORG:Tuesday Walkers"))
    line = one(card("KIND:org", "FN:Samaritans", "TEL:116 123", version="4.0"))
    online = one(card("KIND:org", "FN:Peers Online", "URL:https://forum.example",
                      version="4.0"))
    person = one(card("FN:Jo", "ORG:Tuesday Walkers"))
    assert [c.is_organisation for c in (group, line, online, person)] == [True] * 3 + [False]
    assert group.organisation_kind is Kind.GROUP
    assert line.organisation_kind is Kind.CRISIS
    assert online.organisation_kind is Kind.ONLINE
    assert person.organisation_kind is None


def test_groups_online_communities_and_crisis_lines_are_written_as_organisations() -> None:
    kinds = [Kind.GROUP, Kind.ONLINE, Kind.CRISIS, Kind.FRIEND]
    text = write_vcards([Supporter(f"Name {k.value}", k) for k in kinds])
    cards = text.split("END:VCARD\r\n")[:-1]
    for kind, written in zip(kinds, cards, strict=True):
        is_org = kind is not Kind.FRIEND
        assert ("\r\nKIND:org\r\n" in written) is is_org
        assert ("\r\nX-ABShowAs:COMPANY\r\n" in written) is is_org
        assert (f"\r\nORG:Name {kind.value}\r\n" in written) is is_org
    back = read_vcards(text.encode()).contacts
    assert [c.kind for c in back] == kinds
    assert [c.is_organisation for c in back] == [True, True, True, False]


def test_tel_uris_carry_no_spaces() -> None:
    numbers = ["+44 20 7946 0000", "07700 900123", "+1 (800) 273-8255", "116 123"]
    text = write_vcards([Supporter("Jo", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, n) for n in numbers])])
    uris = re.findall(r"^TEL[^:]*:(tel:.*)$", text, re.MULTILINE)
    assert len(uris) == len(numbers)
    assert "tel:+44-20-7946-0000\r" in uris
    for uri in uris:
        assert re.fullmatch(r"tel:\+?[0-9().\-]+\r", uri), uri
    back = read_vcards(text.encode()).contacts[0].contacts
    # the digits come back exactly and spaces as written; a URI cannot tell the dash a
    # person typed from one standing for a space, so dashes come back as spaces
    assert [m.value for m in back] == [n.replace("-", " ") for n in numbers]


def test_a_number_a_tel_uri_cannot_hold_is_written_as_text() -> None:
    text = write_vcards([Supporter("Jo", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "020 7946 0000 ext 12")])])
    assert "TEL;VALUE=text;TYPE=voice:020 7946 0000 ext 12\r\n" in text
    [method] = read_vcards(text.encode()).contacts[0].contacts
    assert method.value == "020 7946 0000 ext 12"


def test_a_written_name_puts_its_title_and_suffix_in_their_n_fields() -> None:
    text = write_vcards([Supporter("Dr Priya Patel PhD", Kind.PROFESSIONAL,
                                   role=Role.PSYCHIATRIST),
                         Supporter("Dr Patel", Kind.PROFESSIONAL)])
    assert "\r\nN:Patel;Priya;;Dr;PhD\r\n" in text
    assert "\r\nN:Patel;;;Dr;\r\n" in text
    back = read_vcards(text.encode()).contacts
    assert [c.name for c in back] == ["Dr Priya Patel PhD", "Dr Patel"]
    assert back[0].role is Role.PSYCHIATRIST
    assert back[0].title == ""  # our own TITLE is the role, not a job title for the notes


def _everything() -> list[Supporter]:
    return [
        Supporter("Dr Priya Patel PhD", Kind.PROFESSIONAL, role=Role.PSYCHIATRIST,
                  ring=Ring.OUTER, timezone="Europe/London", notes="Tuesdays; ask, kindly.",
                  contacts=[ContactMethod(ContactType.PHONE, "+44 20 7946 0000", "work"),
                            ContactMethod(ContactType.EMAIL, "p@clinic.example", "work", True),
                            ContactMethod(ContactType.ADDRESS, "12 River St, Leeds", "work")]),
        Supporter("Zoë Brontë", Kind.FRIEND, ring=Ring.INNER, contacts=[
            ContactMethod(ContactType.PHONE, "+44 7700 900123", "mobile", True),
            ContactMethod(ContactType.SMS, "+44 7700 900123", "mobile", True),
            ContactMethod(ContactType.WEB, "https://zoe.example/?a=1,b=2")]),
        Supporter("Tuesday Walkers", Kind.GROUP, contacts=[
            ContactMethod(ContactType.EMAIL, "hello@walkers.example")]),
        Supporter("Peers Online", Kind.ONLINE, contacts=[
            ContactMethod(ContactType.WEB, "https://forum.example")]),
        Supporter("Samaritans", Kind.CRISIS, contacts=[
            ContactMethod(ContactType.PHONE, "116 123")]),
    ]


def _held(contact: ParsedContact) -> tuple[object, ...]:
    return (contact.name, contact.kind, contact.ring, contact.role, contact.timezone,
            contact.notes, sorted(contact.contacts, key=repr))


def _supporter_held(s: Supporter) -> tuple[object, ...]:
    return (s.name, s.kind, s.ring, s.role, s.timezone, s.notes,
            sorted(s.contacts, key=repr))


def test_a_round_trip_through_vobject_keeps_every_field_supportdesk_holds() -> None:
    people = _everything()
    ours = write_vcards(people)
    through = "".join(c.serialize() for c in vobject.readComponents(ours))
    assert through != ours  # vobject really rewrote it
    back = read_vcards(through.encode()).contacts
    assert [_held(c) for c in back] == [_supporter_held(s) for s in people]


def test_khard_style_cards_read_with_every_field_in_its_place() -> None:
    three = read_vcards((KHARD / "contacts-3.0.vcf").read_bytes())
    four = read_vcards((KHARD / "contacts-4.0.vcf").read_bytes())
    assert three.problems == [] and four.problems == []
    priya, walkers = three.contacts
    sam, samaritans, peers = four.contacts
    assert priya.name == "Dr Priya Patel PhD"
    assert (priya.title, priya.job_role, priya.role) == (
        "Consultant psychiatrist", "Psychiatrist", Role.PSYCHIATRIST)
    assert priya.organisation == "Riverside Clinic, Community Mental Health Team"
    assert priya.nickname == "Pri"
    assert {(m.type, m.value, m.label, m.preferred) for m in priya.contacts} >= {
        (ContactType.PHONE, "+44 20 7946 0000", "work", False),
        (ContactType.PHONE, "+44 7700 900123", "mobile", True),
        (ContactType.SMS, "+44 7700 900123", "mobile", True),
        (ContactType.PHONE, "0161 496 0000", "home", False),
        (ContactType.EMAIL, "p.patel@riverside.example", "work", False),
        (ContactType.ADDRESS, "Suite 4, 12 River Street, Leeds, West Yorkshire, LS1 4AP, "
                              "United Kingdom", "work", False),
        (ContactType.WEB, "https://riverside.example/team/patel", "", False)}
    assert priya.notes.replace("\r\n", "\n") == (
        "Appointments on Tuesdays.\nAsk for the duty doctor if she is away.")
    assert (walkers.is_organisation, walkers.organisation_kind) == (True, Kind.GROUP)
    assert sam.name == "Mr Sam O'Neill Jr" and sam.role is Role.SUPPORT_WORKER
    assert [m.value for m in sam.contacts if m.type is ContactType.PHONE] == [
        "+44 7700 900456", "+441134960999", "+44 113 496 0111"]
    assert (samaritans.organisation_kind, peers.organisation_kind) == (Kind.CRISIS, Kind.ONLINE)


def test_khard_style_cards_survive_vobject_and_our_own_writer() -> None:
    for path in sorted(KHARD.glob("*.vcf")):
        first = read_vcards(path.read_bytes()).contacts
        through = "".join(c.serialize() for c in vobject.readComponents(
            path.read_text(encoding="utf-8")))
        assert [_held(c) for c in read_vcards(through.encode()).contacts] == [
            _held(c) for c in first]
