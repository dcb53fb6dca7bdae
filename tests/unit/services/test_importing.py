"""Importing vCards: preview writes nothing, duplicates merge or skip, one undo."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.core.validation import problems
from supportdesk.formats.vcard import ParsedContact, ReadResult
from supportdesk.services.importing import Action, ImportService, normalised_name, phone_key
from supportdesk.services.session import Session
from supportdesk.store import convert
from tests.unit.test_query_counts import counted


def card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


@pytest.fixture
def existing(session: Session) -> Supporter:
    return session.network.save_supporter(Supporter(
        "Zoë Adams", Kind.FRIEND,
        contacts=[ContactMethod(ContactType.PHONE, "+44 7700 900123", "mobile")]))


def test_preview_writes_nothing(session: Session, existing: Supporter) -> None:
    preview = ImportService(session).preview(card("FN:New Person").encode())
    assert [r.contact.name for r in preview.rows] == ["New Person"]
    assert [s.name for s in session.network.supporters()] == ["Zoë Adams"]


def test_duplicates_found_by_name_with_a_phone_or_email_are_proposed(
        session: Session, existing: Supporter) -> None:
    session.network.save_supporter(Supporter("Sam", Kind.FAMILY, contacts=[
        ContactMethod(ContactType.EMAIL, "Sam@Example.org")]))
    data = (card("FN:zoe  ADAMS", "TEL:+44 7700 900123")
            + card("FN:Zed", "TEL;TYPE=CELL:07700 900123")
            + card("FN:SAM", "EMAIL:sam@example.ORG") + card("FN:Samuel", "EMAIL:sam@example.org")
            + card("FN:Stranger"))
    rows = ImportService(session).preview(data.encode()).rows
    assert [(r.action, r.matches[0].reason if r.matches else "") for r in rows] == [
        (Action.MERGE, "same name and phone number"), (Action.ADD, "shares a phone number"),
        (Action.MERGE, "same name and email address"), (Action.ADD, "shares an email address"),
        (Action.ADD, "")]
    assert rows[0].duplicate_of is not None and rows[0].duplicate_of.name == "Zoë Adams"
    assert rows[1].duplicate_of is None


def test_mum_and_dad_sharing_a_home_phone_stay_two_people(session: Session) -> None:
    mum = session.network.save_supporter(Supporter("Mum", Kind.FAMILY, contacts=[
        ContactMethod(ContactType.PHONE, "0113 496 0123", "home")]))
    data = card("FN:Dad", "TEL;TYPE=HOME:0113 496 0123", "TEL;TYPE=CELL:07700 900456",
                "NOTE:Ring after six")
    service = ImportService(session)
    preview = service.preview(data.encode())
    [dad] = preview.rows
    assert dad.action is Action.ADD
    assert [(m.name, m.same_person) for m in dad.matches] == [("Mum", False)]
    assert [label for _, label in dad.choices()] == [
        "Add as a new person", "Update Mum", "Leave out"]
    service.apply(preview)
    people = {s.name: s for s in session.network.supporters()}
    assert set(people) == {"Mum", "Dad"}
    assert people["Mum"].contacts == mum.contacts
    assert "07700 900456" in {m.value for m in people["Dad"].contacts}
    assert people["Dad"].notes == "Ring after six"


def test_two_cards_in_one_file_sharing_a_phone_are_not_combined_unasked(
        session: Session) -> None:
    data = (card("FN:Mum", "TEL;TYPE=HOME:0113 496 0123", "EMAIL:mum@example.org")
            + card("FN:Dad", "TEL;TYPE=HOME:0113 496 0123", "TEL;TYPE=CELL:07700 900456"))
    service = ImportService(session)
    preview = service.preview(data.encode())
    assert [(r.contact.name, r.action) for r in preview.rows] == [
        ("Mum", Action.ADD), ("Dad", Action.ADD)]
    assert preview.rows[1].matches[0].earlier is preview.rows[0]
    assert "Same person as card 1 (Mum)" in [label for _, label in preview.rows[1].choices()]
    service.apply(preview)
    people = {s.name: {m.value for m in s.contacts} for s in session.network.supporters()}
    assert people == {"Mum": {"0113 496 0123", "mum@example.org"},
                      "Dad": {"0113 496 0123", "07700 900456"}}


def test_every_match_can_be_chosen_either_way(session: Session, existing: Supporter) -> None:
    data = (card("FN:Zoe Adams", "TEL:07700 900123", "NOTE:Another Zoe")
            + card("FN:Zed", "TEL:07700 900123", "EMAIL:zed@example.org"))
    service = ImportService(session)
    preview = service.preview(data.encode())
    zoe, zed = preview.rows
    assert zoe.action is Action.MERGE and zed.action is Action.ADD
    assert zoe.choose("add")
    assert zed.choose(zed.matches[0].choice)
    assert not zed.choose("update someone who is not a match")
    service.apply(preview)
    people = {s.name: s for s in session.network.supporters()}
    assert set(people) == {"Zoë Adams", "Zoe Adams"}
    assert "zed@example.org" in {m.value for m in people["Zoë Adams"].contacts}
    assert people["Zoe Adams"].notes == "Another Zoe"


def test_merge_adds_only_new_methods_and_undo_puts_everything_back(
        session: Session, existing: Supporter) -> None:
    service = ImportService(session)
    data = card("FN:Zoe Adams", "TEL;TYPE=CELL:07700 900123", "EMAIL:zoe@example.org") \
        + card("FN:Kai", "TEL:0113 496 0000")
    preview = service.preview(data.encode())
    before = session.network.supporters()
    outcome = service.apply(preview)
    after = {s.name: s for s in session.network.supporters()}
    assert set(after) == {"Zoë Adams", "Kai"}
    zoe_methods = [(m.type, m.value) for m in after["Zoë Adams"].contacts]
    assert zoe_methods.count((ContactType.PHONE, "+44 7700 900123")) == 1
    assert (ContactType.EMAIL, "zoe@example.org") in zoe_methods
    assert (ContactType.SMS, "07700 900123") in zoe_methods  # texting is new
    assert outcome.summary == "1 added, 1 updated"
    service.undo(outcome)
    assert session.network.supporters() == before


def test_repeated_cards_in_one_file_are_proposed_as_one_person_and_shown(
        session: Session) -> None:
    data = (card("FN:Kai Rowe", "TEL;TYPE=CELL:07700 900111")
            + card("FN:kai rowe", "TEL:+44 7700 900111", "EMAIL:kai@example.org",
                   "NOTE:Met at the allotment")
            + card("FN:K R", "TEL:+44 7700 900111", "URL:https://kai.example")
            + card("FN:Someone Else"))
    service = ImportService(session)
    preview = service.preview(data.encode())
    rows = preview.rows
    assert [(r.contact.name, r.action) for r in rows] == [
        ("Kai Rowe", Action.ADD), ("kai rowe", Action.MERGE), ("K R", Action.ADD),
        ("Someone Else", Action.ADD)]
    assert rows[1].target is not None and rows[1].target.earlier is rows[0]
    assert preview.count(Action.MERGE) == 1
    service.apply(preview)
    people = {s.name: s for s in session.network.supporters()}
    assert set(people) == {"Kai Rowe", "K R", "Someone Else"}
    assert {m.value for m in people["Kai Rowe"].contacts} == {"07700 900111",
                                                              "kai@example.org"}
    assert people["Kai Rowe"].notes == "Met at the allotment"


def test_a_card_whose_match_is_left_out_is_added_as_itself(session: Session) -> None:
    data = (card("FN:Kai Rowe", "TEL;TYPE=CELL:07700 900111")
            + card("FN:kai rowe", "TEL:+44 7700 900111", "EMAIL:kai@example.org"))
    service = ImportService(session)
    preview = service.preview(data.encode())
    assert preview.rows[0].choose("skip")
    service.apply(preview)
    assert [s.name for s in session.network.supporters()] == ["kai rowe"]


def household(number: int) -> list[ParsedContact]:
    home = ContactMethod(ContactType.PHONE, f"0113 {number:07d}", "home")
    return [ParsedContact(card=2 * number + 1, line=1, name=f"Parent {number} A",
                          contacts=[home]),
            ParsedContact(card=2 * number + 2, line=1, name=f"Parent {number} B",
                          contacts=[home, ContactMethod(ContactType.PHONE,
                                                        f"07700 {number:06d}", "mobile")],
                          notes=f"Second parent in house {number}")]


def test_households_sharing_a_home_phone_merge_nobody(session: Session) -> None:
    # the 20,000-card file is tests/reliability/test_import_households.py
    cards = [contact for number in range(2_000) for contact in household(number)]
    service = ImportService(session)
    preview = service.preview_read(ReadResult(contacts=cards))
    assert preview.count(Action.MERGE) == 0
    assert sum(1 for row in preview.rows if row.matches) == 2_000
    outcome = service.apply(preview)
    assert len(outcome.added_ids) == 4_000
    names = {s.name for s in session.network.supporters()}
    assert len(names) == 4_000


def test_skip_and_kind_per_row(session: Session, existing: Supporter) -> None:
    service = ImportService(session)
    preview = service.preview((card("FN:Zoë Adams") + card("FN:Dr Ray", "TITLE:GP",
                                                          "ORG:Oak Surgery")
                               + card("FN:Lee")).encode(), default_kind=Kind.FAMILY)
    assert [r.kind for r in preview.rows] == [Kind.FAMILY, Kind.PROFESSIONAL, Kind.FAMILY]
    preview.rows[0].action = Action.SKIP
    preview.rows[2].kind = Kind.PARTNER
    outcome = service.apply(preview)
    kinds = {s.name: s.kind for s in session.network.supporters()}
    assert kinds == {"Zoë Adams": Kind.FRIEND, "Dr Ray": Kind.PROFESSIONAL, "Lee": Kind.PARTNER}
    assert outcome.skipped == 1
    ray = next(s for s in session.network.supporters() if s.name == "Dr Ray")
    assert "GP — Oak Surgery" in ray.notes


def test_a_failure_midway_writes_nothing(session: Session, existing: Supporter,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    service = ImportService(session)
    preview = service.preview((card("FN:One") + card("FN:Two") + card("FN:Three")).encode())
    real_rows = convert.contact_rows
    calls = []

    def failing_rows(supporter: Supporter, supporter_id: int) -> list[dict[str, object]]:
        calls.append(supporter.name)
        if len(calls) == 3:
            raise OSError("disk went away")
        return real_rows(supporter, supporter_id)

    monkeypatch.setattr(convert, "contact_rows", failing_rows)
    with pytest.raises(OSError):
        service.apply(preview)
    assert [s.name for s in session.network.supporters()] == ["Zoë Adams"]


def test_two_thousand_contacts_import_in_one_commit_without_a_read_per_contact(
        session: Session) -> None:
    # (its speed has its row in benchmarks/: a timed test here would only measure the load)
    data = "".join(card(f"FN:Person {i}", f"TEL;TYPE=CELL:07700 {i:06d}",
                        f"EMAIL:p{i}@example.org") for i in range(2000)).encode()
    service = ImportService(session)
    preview = service.preview(data)
    with counted(session, ("SELECT", "WITH", "COMMIT")) as statements:
        outcome = service.apply(preview)
    assert len(outcome.added_ids) == 2000
    assert sum(s.upper().startswith("COMMIT") for s in statements) <= 1
    assert sum(not s.upper().startswith("COMMIT") for s in statements) < 100


def test_matching_keys() -> None:
    assert normalised_name("  Zoë   O'Neil ") == normalised_name("zoe o neil")
    assert phone_key("+44 (0) 7700-900123") == phone_key("07700 900123")
    assert phone_key("112") == ""


LINES = st.lists(st.one_of(
    st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", "FN:A",
                     "N:;;;;", "TEL;CELL:1", "item1.EMAIL:x@y", " folded", "PHOTO;ENCODING=b:",
                     "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=", "ADR:;;;", "=", ":", ";;"]),
    st.text(max_size=30)), max_size=25)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=LINES, tail=st.binary(max_size=40))
def test_fuzzed_files_never_crash_and_never_half_import(
        session: Session, lines: list[str], tail: bytes) -> None:
    service = ImportService(session)
    before = len(session.network.supporters())
    data = "\n".join(lines).encode("utf-8", errors="replace") + tail
    preview = service.preview(data)
    outcome = service.apply(preview)
    assert len(session.network.supporters()) == before + len(outcome.added_ids)
    service.undo(outcome)
    assert len(session.network.supporters()) == before


def test_what_the_editor_would_refuse_is_never_stored(session: Session) -> None:
    data = (card("FN:Ada\\nLove\x00lace", "TEL:12", "EMAIL:not-an-email",
                 "TEL;TYPE=CELL:07700 900777", "EMAIL:ada@example.org",
                 "NOTE:" + "x" * 10_800_000)
            + card("FN:" + "N" * 100_000, "TEL:07700 900888")
            + card("FN:Bo", "TZ:Nowhere/Atlantis", "NOTE:Kind\x00 and\x07 calm"))
    service = ImportService(session)
    preview = service.preview(data.encode())
    ada, long_name, bo = preview.rows
    assert ada.contact.name == "Ada Lovelace"
    assert ada.issues == [
        "The phone number “12” was left out: this phone number looks too short.",
        "The email “not-an-email” was left out: this does not look like an email "
        "address (like name@example.org).",
        "The note was left out: it is 10,800,000 characters long, and notes can hold "
        "20,000 at most.",
    ]
    assert long_name.action is Action.SKIP and long_name.refused
    assert long_name.choices() == [("skip", "Leave out")]
    assert not long_name.choose("add")
    assert long_name.issues == ["This card is left out: the name is 100,000 characters "
                                "long, and a name can hold 200 at most."]
    assert bo.issues == ["The time zone “Nowhere/Atlantis” was left out: it is not a "
                         "time zone SupportDesk knows (like Europe/London)."]
    assert [line for line in preview.issue_lines() if line.startswith("Card 2")] == [
        "Card 2 (line 10): " + long_name.issues[0]]

    service.apply(preview)
    people = {s.name: s for s in session.network.supporters()}
    assert set(people) == {"Ada Lovelace", "Bo"}
    assert {m.value for m in people["Ada Lovelace"].contacts} == {"07700 900777",
                                                                  "ada@example.org"}
    assert people["Ada Lovelace"].notes == ""
    assert people["Bo"].notes == "Kind and calm" and people["Bo"].timezone == ""
    assert all(problems(s) == {} for s in people.values())


def test_a_row_changed_after_the_preview_is_still_checked_on_import(session: Session) -> None:
    service = ImportService(session)
    preview = service.preview(card("FN:Fine").encode())
    preview.rows[0].contact.name = "x" * 500  # as if changed after the preview
    with pytest.raises(ValidationError) as refused:
        service.apply(preview)
    assert refused.value.message.startswith("Nothing was imported: card 1 cannot be saved")
    assert session.network.supporters() == []
