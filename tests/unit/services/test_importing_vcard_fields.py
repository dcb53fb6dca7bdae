"""Importing vCards keeps who someone is: organisations as their kind, professionals
with their role, job titles and nicknames in the notes; our own export comes back whole."""

from __future__ import annotations

from pathlib import Path

from supportdesk.core.kinds import ContactType, Kind, Ring, Role
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.exporting import ExportService
from supportdesk.services.importing import ImportService
from supportdesk.services.session import Session

KHARD = Path(__file__).parents[1] / "formats" / "data" / "khard"


def test_khard_style_cards_import_as_the_kind_and_role_they_are(session: Session) -> None:
    service = ImportService(session)
    data = (KHARD / "contacts-3.0.vcf").read_bytes() + (KHARD / "contacts-4.0.vcf").read_bytes()
    service.apply(service.preview(data))
    people = {s.name: s for s in session.network.supporters()}
    assert {name: (s.kind, s.role) for name, s in people.items()} == {
        "Dr Priya Patel PhD": (Kind.PROFESSIONAL, Role.PSYCHIATRIST),
        "Tuesday Walkers": (Kind.GROUP, Role.NONE),
        "Mr Sam O'Neill Jr": (Kind.PROFESSIONAL, Role.SUPPORT_WORKER),
        "Samaritans": (Kind.CRISIS, Role.NONE),
        "Bipolar Peers Online": (Kind.ONLINE, Role.NONE),
    }
    assert people["Dr Priya Patel PhD"].notes.replace("\r\n", "\n") == (
        "Consultant psychiatrist (Psychiatrist) — Riverside Clinic, Community Mental Health "
        "Team\n\nKnown as Pri\n\nAppointments on Tuesdays.\n"
        "Ask for the duty doctor if she is away.")
    assert people["Tuesday Walkers"].notes == "Peer walking group, meets at the park gates."


def test_organisations_keep_their_kind_whatever_new_people_are_to_be(session: Session) -> None:
    service = ImportService(session)
    preview = service.preview((KHARD / "contacts-4.0.vcf").read_bytes(),
                              default_kind=Kind.FRIEND, suggest_professional=False)
    assert [row.kind for row in preview.rows] == [Kind.FRIEND, Kind.CRISIS, Kind.ONLINE]


def test_our_own_vcard_export_imports_back_as_it_was(session: Session, tmp_path: Path) -> None:
    people = [
        Supporter("Dr Helen Ames", Kind.PROFESSIONAL, role=Role.PSYCHOLOGIST, ring=Ring.OUTER,
                  notes="Thursdays.", contacts=[
                      ContactMethod(ContactType.PHONE, "+44 20 7946 0000", "work", True)]),
        Supporter("Tuesday Walkers", Kind.GROUP, contacts=[
            ContactMethod(ContactType.EMAIL, "hello@walkers.example")]),
        Supporter("Peers Online", Kind.ONLINE, contacts=[
            ContactMethod(ContactType.WEB, "https://forum.example")]),
        Supporter("Samaritans", Kind.CRISIS, ring=Ring.INNER, contacts=[
            ContactMethod(ContactType.PHONE, "116 123")]),
        Supporter("Zoë", Kind.PARTNER, ring=Ring.INNER, timezone="Europe/Paris"),
    ]
    for person in people:
        session.network.save_supporter(person)
    data = ExportService(session).vcard()
    for person in session.network.supporters():
        session.network.delete_supporter(person.id or 0)
    service = ImportService(session)
    service.apply(service.preview(data, default_kind=Kind.FRIEND))

    def held(s: Supporter) -> tuple[object, ...]:
        return s.name, s.kind, s.role, s.ring, s.timezone, s.notes, s.contacts

    assert sorted(map(held, session.network.supporters())) == sorted(map(held, people))
