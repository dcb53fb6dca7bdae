"""Google Contacts and Outlook CSV: told apart by their first row, read into contacts.

The samples in ``data/contacts-csv/`` were written for these tests from the formats'
published column names (Google's older "Given Name … E-mail 1 - Type" export, its newer
"First Name … E-mail 1 - Label" one, and Outlook's "First Name … E-mail Address …
Mobile Phone" one, saved as Windows-1252 as Outlook does); the people are made up.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportdesk.core.kinds import ContactType, Role
from supportdesk.formats.contact_files import read_contacts
from supportdesk.formats.csv_contacts import read_csv_contacts

SAMPLES = Path(__file__).parent / "data" / "contacts-csv"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def held(contact: object) -> set[tuple[ContactType, str, str, bool]]:
    return {(m.type, m.value, m.label, m.preferred) for m in contact.contacts}  # type: ignore[attr-defined]


def test_google_contacts_older_export() -> None:
    result = read_contacts(sample("google-contacts.csv"))
    assert result.problems == []
    assert [c.name for c in result.contacts] == [
        "Zoë Adams", "Dr Helen Ames", "Tuesday Walkers", "Marcus O'Brien", "Priya Patel"]
    assert [c.line for c in result.contacts] == [2, 4, 7, 8, 9]
    zoe, helen, walkers, marcus, _ = result.contacts
    assert held(zoe) == {
        (ContactType.EMAIL, "zoe@home.example", "home", True),
        (ContactType.EMAIL, "zoe.adams@uni.example", "home", True),
        (ContactType.PHONE, "+44 7700 900123", "mobile", False),
        (ContactType.SMS, "+44 7700 900123", "mobile", False),
        (ContactType.PHONE, "0113 496 0000", "home", False)}
    assert zoe.nickname == "Zo"
    assert zoe.notes == "Met at the allotment.\nLoves a long walk."
    assert (helen.title, helen.organisation, helen.role) == (
        "Clinical psychologist", "Northside Practice", Role.PSYCHOLOGIST)
    assert (ContactType.ADDRESS, "Northside Practice, 4 Mill Lane, Leeds LS2 7AA", "work",
            False) in held(helen)
    assert walkers.organisation == "Tuesday Walkers" and not walkers.name_missing
    assert (ContactType.WEB, "https://walkers.example", "Homepage", False) in held(walkers)
    assert [m.value for m in marcus.contacts if m.type is ContactType.PHONE] == [
        "07700 900456", "07700 900789"]


def test_google_contacts_newer_export() -> None:
    result = read_contacts(sample("google-contacts-2024.csv"))
    assert result.problems == []
    chidi, ana, kim = result.contacts
    assert [c.name for c in result.contacts] == [
        "Mr Chidi Okafor", "Ana María de la Cruz Jr", "Kim Lee"]
    assert held(chidi) >= {(ContactType.EMAIL, "chidi@home.example", "home", True)}
    assert (ContactType.ADDRESS, "3 Quay Road, Hull, HU1 1AA, United Kingdom", "work",
            False) in held(ana)
    assert ana.role is Role.SUPPORT_WORKER
    assert (kim.nickname, kim.notes) == ("Kimmy", "Online friend from the forum")


def test_outlook_export_in_windows_1252() -> None:
    result = read_contacts(sample("outlook-contacts.csv"))
    assert result.problems == []
    renee, priya, tom, samaritans = result.contacts
    assert [c.name for c in result.contacts] == [
        "Ms Renée Dubois", "Dr Priya Anjali Patel PhD", "Tom Fisher", "Samaritans"]
    assert renee.notes == "Café on Fridays – always €5 coffee"
    assert held(renee) == {
        (ContactType.EMAIL, "renee@example.fr", "", False),
        (ContactType.PHONE, "+33 6 12 34 56 78", "mobile", False),
        (ContactType.SMS, "+33 6 12 34 56 78", "mobile", False),
        (ContactType.PHONE, "+33 1 23 45 67 89", "home", False),
        (ContactType.ADDRESS, "12 rue de la Paix, Paris, 75002, France", "home", False)}
    phones = [m for m in priya.contacts if m.type is ContactType.PHONE]
    assert [(m.value, m.label, m.preferred) for m in phones] == [
        ("+44 20 7946 0000", "work", False), ("+44 7700 900999", "mobile", True)]
    assert (priya.organisation, priya.role) == ("Riverside Clinic, CMHT", Role.PSYCHIATRIST)
    assert tom.nickname == "Tommo"
    assert samaritans.organisation == "Samaritans"
    assert [m.value for m in samaritans.contacts if m.type is ContactType.PHONE] == ["116 123"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-8"])
def test_outlook_in_other_encodings_reads_the_same(encoding: str) -> None:
    text = sample("outlook-contacts.csv").decode("cp1252")
    again = read_contacts(text.encode(encoding))
    assert again.problems == []
    assert again.contacts[0].name == "Ms Renée Dubois"
    assert again.contacts[0].notes == "Café on Fridays – always €5 coffee"


def test_outlook_unicode_text_with_tabs() -> None:
    text = sample("outlook-contacts.csv").decode("cp1252")
    tabbed = "\r\n".join(line.replace(",", "\t") for line in text.split("\r\n")
                         if "\"" not in line)
    result = read_contacts(tabbed.encode("utf-16-le"))
    assert [c.name for c in result.contacts] == [
        "Ms Renée Dubois", "Dr Priya Anjali Patel PhD", "Tom Fisher"]  # the quoted one dropped


def test_malformed_rows_are_reported_by_line_and_the_rest_read() -> None:
    data = (b"First Name,Last Name,E-mail Address,Mobile Phone,Notes\r\n"
            b"Ann,Lee,ann@example.org,07700 900001,\r\n"
            b"Bob,Ray,bob@example.org,07700 900002,one,two,three\r\n"
            b"\r\n"
            b",,,,\r\n"
            b"Cat,Day,,,\"a note\r\nover two lines\"\r\n"
            b"Dee,\"Unclosed,,,\r\n")
    result = read_csv_contacts(data)
    assert [c.name for c in result.contacts] == ["Ann Lee", "Cat Day"]
    assert [c.line for c in result.contacts] == [2, 6]
    assert [str(p) for p in result.problems] == [
        "Line 3: this row has 7 cells but the first row names 5 columns, so its details "
        "cannot be told apart (a comma outside quotes?); it is left out.",
        "Line 5: this row has no name, phone, email or note; it is left out.",
        "Line 8: a quoted cell in this row is never closed, so the row and the file's end "
        "after it could not be read; it is left out."]


def test_a_csv_that_is_not_google_or_outlook_is_refused_with_what_it_needs() -> None:
    result = read_contacts(b"Who,Number\r\nAnn,0123\r\n")
    assert result.contacts == []
    [problem] = result.problems
    assert problem.line == 1
    assert "Google Contacts or Outlook" in problem.message
    assert "“E-mail 1 - Value”" in problem.message


def test_undecodable_bytes_are_refused_with_a_clear_message() -> None:
    data = b"First Name,Last Name\r\nAnn,\x81\x8d\x90\r\n"
    [problem] = read_contacts(data).problems
    assert "UTF-8" in problem.message and "Windows-1252" in problem.message


def test_a_vcard_file_still_reads_as_vcard() -> None:
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nNOTE:one, two\r\nEND:VCARD\r\n"
    assert [c.name for c in read_contacts(data.encode("utf-16")).contacts] == ["Ann Lee"]


def test_rows_are_called_rows() -> None:
    assert {c.entry for c in read_contacts(sample("outlook-contacts.csv")).contacts} == {"row"}
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n"
    assert read_contacts(card).contacts[0].entry == "card"


def test_progress_can_cancel() -> None:
    data = b"First Name,Last Name,Mobile Phone\r\n" + b"Ann,Lee,\r\n" * 300
    result = read_contacts(data, lambda done, total: done < 100)
    assert result.cancelled and len(result.contacts) == 100


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab,;"\r\n\t :*é@+0'), max_size=300),
       st.sampled_from(["google-contacts.csv", "outlook-contacts.csv"]),
       st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_rows_under_a_real_header_never_crash(body: str, name: str, encoding: str) -> None:
    header = sample(name).decode("cp1252" if "outlook" in name else "utf-8-sig").split(
        "\r\n", 1)[0]
    result = read_contacts((header + "\r\n" + body).encode(encoding))
    lines = len(re.split(r"\r\n|\r|\n", header + "\r\n" + body))
    for contact in result.contacts:
        assert contact.name and 2 <= contact.line <= lines
    for problem in result.problems:
        assert 1 <= problem.line <= lines
