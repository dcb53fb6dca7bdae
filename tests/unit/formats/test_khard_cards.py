"""khard's own test cards (data/khard/upstream/, from khard 0.21.0; see its README.md):
each reads with its fields in their places, and each, once imported, survives SupportDesk's
vCard 4.0 and 3.0 export, a rewrite by vobject and a second import with every field
SupportDesk holds."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import Supporter
from supportdesk.formats.vcard import VERSIONS, read_vcards, write_vcards
from supportdesk.services.importing import ImportService
from supportdesk.services.session import Session

UPSTREAM = Path(__file__).parent / "data" / "khard" / "upstream"
CARDS = sorted(UPSTREAM.glob("*.vcf"))


def test_all_twenty_of_khards_cards_are_here() -> None:
    assert len(CARDS) == 20


def test_each_card_reads_with_its_fields_in_their_places() -> None:
    read = {path.stem: read_vcards(path.read_bytes()) for path in CARDS}
    problems = {stem: result.problems for stem, result in read.items() if result.problems}
    assert list(problems) == ["unparsable"]  # no END:VCARD: named by its line, still read
    assert "line 3" in str(problems["unparsable"][0])
    one = {stem: result.contacts[0] for stem, result in read.items()}
    assert {stem: c.name for stem, c in one.items()} == {
        "altid": "altid", "category": "contact with category", "contact1": "second contact",
        "contact2": "third contact", "individual": "Wile E. Coyote", "issue249": "Foo Bar",
        "joe": "Joe Citizen", "korean-c": "최유림", "korean-j": "전도훈",
        "labels": "labeled guy", "minimal": "minimal contact", "nickname": "Michael Smith",
        "no-nickname": "Mike Jones", "org": "ACME Inc.", "photov3": "with photo v3",
        "photov4": "with photo v4", "post": "With post address", "tel-value-uri": "bug 195",
        "unparsable": "second contact with minimal Vcard", "text-bday": "text birthday"}
    assert [(m.type, m.value, m.label) for m in one["contact1"].contacts] == [
        (ContactType.EMAIL, "user@example.com", "home"), (ContactType.PHONE, "0123456789", "")]
    assert [(d.year, d.month, d.day) for d in one["contact1"].dates] == [(2018, 1, 20)]
    assert one["text-bday"].dates == []  # "circa 1800" is not a date
    assert [(m.value, m.preferred) for m in one["joe"].contacts] == [("jcitizen@foo.com", True)]
    assert (one["joe"].nickname, one["nickname"].nickname) == ("horrible_human_being", "Mike")
    assert (one["individual"].organisation, one["individual"].is_organisation) == (
        "ACME Inc.", False)
    assert (one["org"].is_organisation, one["org"].organisation_kind) == (True, Kind.GROUP)
    assert one["labels"].organisation == "Test Inc"
    assert [(m.type, m.value, m.label) for m in one["post"].contacts] == [
        (ContactType.ADDRESS, "PostBox, Ext, Main Street 1, The City, SomeState, 00000, "
                              "HomeCountry", "home")]
    assert {m.type for m in one["tel-value-uri"].contacts} == {ContactType.PHONE,
                                                               ContactType.SMS}
    assert one["photov3"].notes.startswith("From the RFC") and not one["photov4"].contacts


def held(s: Supporter) -> tuple[object, ...]:
    return (s.name, s.kind, s.role, s.ring, s.timezone, s.notes,
            sorted(s.contacts, key=repr), sorted(s.dates, key=repr))


@pytest.mark.parametrize("version", VERSIONS)
def test_imported_they_survive_our_export_vobject_and_a_second_import(
        session: Session, version: str) -> None:
    service = ImportService(session)
    service.apply(service.preview(b"".join(path.read_bytes() for path in CARDS)))
    people = session.network.supporters()
    assert len(people) == 20
    assert next(p for p in people if p.name == "ACME Inc.").kind is Kind.GROUP
    assert "Known as Mike" in next(p for p in people if p.name == "Michael Smith").notes
    written = write_vcards(people, version)
    cards = list(vobject.readComponents(written))
    assert {card.version.value for card in cards} == {version}
    through = "".join(card.serialize() for card in cards)
    for person in people:
        session.network.delete_supporter(person.id or 0)
    service.apply(service.preview(through.encode()))
    assert sorted(map(held, session.network.supporters())) == sorted(map(held, people))
