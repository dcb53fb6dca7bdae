"""Reading vCards as phones, Google, Outlook and Apple write them; writing 4.0."""

from __future__ import annotations

import base64

from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.formats.vcard import UNNAMED, read_vcards, write_vcards


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


def methods(contact_types: list[ContactMethod], kind: ContactType) -> list[str]:
    return [m.value for m in contact_types if m.type is kind]


def test_folded_lines_are_joined() -> None:
    text = card("FN:Alexandra", "NOTE:Likes walks by the river and a ", " long chat after.")
    [contact] = read_vcards(text.encode()).contacts
    assert contact.notes == "Likes walks by the river and a long chat after."


def test_vcard_21_quoted_printable_in_latin1() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;;\r\n"
        "TEL;CELL;PREF:+49 170 1234567\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Erster Teil=0D=0A=\r\nzweiter Teil\r\n"
        "END:VCARD\r\n"
    ).encode("ascii")
    [contact] = read_vcards(data).contacts
    assert contact.name == "Jürgen Müller"
    assert contact.notes.replace("\r\n", "\n") == "Erster Teil\nzweiter Teil"
    phone = next(m for m in contact.contacts if m.type is ContactType.PHONE)
    assert phone.preferred and phone.label == "mobile"


def test_raw_windows_1252_and_utf8_cards_in_one_file() -> None:
    latin = card("FN:Zoë Brontë", "NOTE:café – 5 €", version="2.1").encode("cp1252")
    utf8 = card("FN:Łukasz Żółw").encode("utf-8")
    contacts = read_vcards(b"\xef\xbb\xbf" + utf8 + latin).contacts
    assert [c.name for c in contacts] == ["Łukasz Żółw", "Zoë Brontë"]
    assert contacts[1].notes == "café – 5 €"


def test_base64_photo_and_uri_photo_are_ignored_safely() -> None:
    photo = base64.b64encode(bytes(range(256)) * 4).decode()
    lines = [photo[i:i + 72] for i in range(0, len(photo), 72)]
    v21 = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Sam\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:"
           + "\r\n ".join(lines) + "\r\n\r\nTEL;HOME:0123 456789\r\nEND:VCARD\r\n")
    v40 = card("FN:Kim", "PHOTO:https://example.invalid/kim.jpg", "EMAIL:kim@example.org",
               version="4.0")
    result = read_vcards((v21 + v40).encode())
    assert result.problems == []
    assert [c.name for c in result.contacts] == ["Sam", "Kim"]
    assert methods(result.contacts[0].contacts, ContactType.PHONE) == ["0123 456789"]


def test_phone_and_email_types_become_labels_cell_gives_text_too() -> None:
    text = card("FN:Jo", "TEL;TYPE=CELL:07700 900123", "TEL;TYPE=WORK,VOICE:020 7946 0000",
                "TEL;TYPE=HOME:0161 496 0000", "EMAIL;TYPE=INTERNET,WORK:jo@work.example",
                "EMAIL;TYPE=HOME:jo@home.example", "URL:https://jo.example",
                "ADR;TYPE=HOME:;;1 High Street;Leeds;;LS1 1AA;UK", "TZ:Europe/London")
    [jo] = read_vcards(text.encode()).contacts
    got = {(m.type, m.value, m.label) for m in jo.contacts}
    assert (ContactType.PHONE, "07700 900123", "mobile") in got
    assert (ContactType.SMS, "07700 900123", "mobile") in got
    assert (ContactType.PHONE, "020 7946 0000", "work") in got
    assert (ContactType.SMS, "020 7946 0000", "work") not in got
    assert (ContactType.EMAIL, "jo@work.example", "work") in got
    assert (ContactType.WEB, "https://jo.example", "") in got
    assert (ContactType.ADDRESS, "1 High Street, Leeds, LS1 1AA, UK", "home") in got
    assert jo.timezone == "Europe/London"


def test_missing_fn_builds_name_from_n_or_flags_it() -> None:
    text = card("N:Okafor;Chidi;;Dr.;") + card("TEL:0800 123") + card("ORG:Riverside Clinic")
    contacts = read_vcards(text.encode()).contacts
    assert contacts[0].name == "Dr. Chidi Okafor" and not contacts[0].name_missing
    assert contacts[1].name.startswith(UNNAMED) and contacts[1].name_missing
    assert contacts[2].name == "Riverside Clinic"


def test_grouped_properties_apple_style() -> None:
    text = card("FN:Priya", "item1.TEL;type=pref:+44 113 496 0000",
                "item1.X-ABLabel:_$!<Other>!$_", "item2.EMAIL;type=INTERNET:p@example.org",
                "item2.X-ABLabel:Uni")
    [priya] = read_vcards(text.encode()).contacts
    assert methods(priya.contacts, ContactType.PHONE) == ["+44 113 496 0000"]
    assert methods(priya.contacts, ContactType.EMAIL) == ["p@example.org"]


def test_empty_and_malformed_cards_are_reported_by_position_rest_imports() -> None:
    text = (card("FN:First") + "BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n"
            + "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nTHIS LINE HAS NO COLON\nEND:VCARD\n"
            + card("FN:Last") + "BEGIN:VCARD\nFN:Never ends\n")
    result = read_vcards(text.encode())
    assert [c.name for c in result.contacts] == ["First", "Last", "Never ends"]
    assert [(p.card, p.line) for p in result.problems] == [(2, 5), (3, 11), (5, 17)]
    assert "empty" in str(result.problems[0])
    assert str(result.problems[1]).startswith("Card 3 (line 11)")
    assert str(result.problems[2]) == (
        "Card 5 (line 17): the file ends before this card's END:VCARD line; what it held "
        "up to line 18 was read (Never ends).")


def test_utf16_with_an_odd_byte_count_reads_what_is_there_and_says_so() -> None:
    data = ("\ufeff" + card("FN:Zoë", "TEL:0113 496 0001") + card("FN:Kai")).encode("utf-16-le")
    result = read_vcards(data + b"\x00")
    assert [c.name for c in result.contacts] == ["Zoë", "Kai"]
    assert [str(p) for p in result.problems] == [
        "Line 9: the file ends part-way through a character (UTF-16 with an odd number "
        "of bytes); the last byte was left out and everything before it was read."]
    big_endian = ("\ufeff" + card("FN:Ann")).encode("utf-16-be")[:-1]
    assert [c.name for c in read_vcards(big_endian).contacts] == ["Ann"]


def test_utf16_without_a_byte_order_mark_is_recognised() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        assert [c.name for c in read_vcards(card("FN:Zoë").encode(encoding)).contacts] == [
            "Zoë"]


def test_a_card_without_its_end_is_named_and_the_next_card_still_read() -> None:
    text = ("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nTEL:0113 496 0001\n"
            + "BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nEND:VCARD\n")
    result = read_vcards(text.encode())
    assert [c.name for c in result.contacts] == ["Ann", "Bob"]
    assert [c.contacts[0].value for c in result.contacts[:1]] == ["0113 496 0001"]
    assert [str(p) for p in result.problems] == [
        "Card 1 (line 1): this card has no END:VCARD line before the next card starts "
        "at line 5; what it held up to line 4 was read (Ann)."]


def test_an_agent_card_inside_a_card_is_left_out_without_a_crash() -> None:
    text = ("BEGIN:VCARD\nVERSION:2.1\nFN:Ann\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\n"
            "FN:Her assistant\nEND:VCARD\nTEL:0113 496 0001\nEND:VCARD\n" + card("FN:Bob"))
    result = read_vcards(text.encode())
    assert [c.name for c in result.contacts] == ["Ann", "Bob"]
    assert result.contacts[0].contacts[0].value == "0113 496 0001"
    assert result.problems == []


def test_unreadable_cards_say_what_is_wrong_and_where() -> None:
    unreadable = ("BEGIN:VCARD\nVERSION:3.0\nNO COLON\n"
                  "BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nEND:VCARD\n")
    assert [str(p) for p in read_vcards(unreadable.encode()).problems] == [
        "Card 1 (line 1): this card has no END:VCARD line before the next card starts "
        "at line 4; nothing in it could be read, so it is left out."]
    stray = "FN:Lost\nEND:VCARD\n" + card("FN:Bob")
    result = read_vcards(stray.encode())
    assert [c.name for c in result.contacts] == ["Bob"]
    assert [str(p) for p in result.problems] == [
        "Line 2: END:VCARD without a BEGIN:VCARD before it; the lines before it were "
        "not part of any card and were left out."]
    assert [str(p) for p in read_vcards(b"Name,Phone\nAnn,0113 496 0001\n").problems] == [
        "Line 1: there is no BEGIN:VCARD line in this file, so it holds no contacts "
        "(is it a vCard .vcf file?)."]
    assert [str(p) for p in read_vcards(b"").problems] == ["Line 1: the file is empty."]


def test_lf_and_crlf_mixed_and_professional_hint() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\r\nFN:Dr Helen Ames\nTITLE:Clinical psychologist\r\n" \
           "ORG:Northside Practice\nEND:VCARD\r\n"
    [helen] = read_vcards(text.encode()).contacts
    assert helen.looks_professional
    assert helen.title == "Clinical psychologist"


def test_progress_can_cancel() -> None:
    text = card("FN:Someone") * 300
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 100

    result = read_vcards(text.encode(), progress)
    assert result.cancelled
    assert len(result.contacts) == 100
    assert seen[0] == (0, 300)


def test_written_40_reads_back_the_same() -> None:
    people = [
        Supporter("Ana; de la Cruz, Jr", Kind.FAMILY, ring=Ring.INNER,
                  notes="Line one\nLine two, with comma; and semicolon",
                  timezone="America/Mexico_City",
                  contacts=[ContactMethod(ContactType.PHONE, "+52 55 1234 5678", "mobile", True),
                            ContactMethod(ContactType.SMS, "+52 55 1234 5678", "mobile", True),
                            ContactMethod(ContactType.PHONE, "+52 55 0000 0000", "Casa"),
                            ContactMethod(ContactType.SMS, "+52 55 9999 9999"),
                            ContactMethod(ContactType.EMAIL, "ana@example.org", "work"),
                            ContactMethod(ContactType.WEB, "https://example.org/ana?a=1,b"),
                            ContactMethod(ContactType.ADDRESS, "Calle 1, Ciudad\nMéxico", "home")]),
        Supporter("写真 " + "長い名前" * 30, Kind.GROUP, ring=Ring.OUTER),
    ]
    text = write_vcards(people)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    back = read_vcards(text.encode()).contacts
    assert [c.name for c in back] == [p.name for p in people]
    assert sorted(back[0].contacts, key=repr) == sorted(people[0].contacts, key=repr)
    assert back[0].notes == people[0].notes
    assert (back[0].kind, back[0].ring, back[1].kind) == (Kind.FAMILY, Ring.INNER, Kind.GROUP)
