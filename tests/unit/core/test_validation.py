"""What a person types is checked with plain messages, and odd input never crashes."""

from __future__ import annotations

import string
from datetime import time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportdesk.core import validation as v
from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import AvailabilityWindow, Boundaries, ContactMethod, Supporter


@pytest.mark.parametrize("number", ["+44 20 7946 0000", "(555) 123-4567", "116 123", "999"])
def test_real_phone_numbers_pass(number: str) -> None:
    assert v.check_phone(number) == ""


@pytest.mark.parametrize("number,words", [("call me", "digits"), ("12", "too short"),
                                          ("+1234567890123456", "too long"), ("", "digits")])
def test_wrong_phone_numbers_say_why(number: str, words: str) -> None:
    assert words in v.check_phone(number)


@pytest.mark.parametrize("address", ["sam@example.org", "a.b+c@mail.co.uk"])
def test_email_addresses_pass(address: str) -> None:
    assert v.check_email(address) == ""


@pytest.mark.parametrize("address", ["sam", "sam@", "sam@example", "a b@example.org", "@x.org"])
def test_wrong_email_addresses_are_named(address: str) -> None:
    assert "email address" in v.check_email(address)


@pytest.mark.parametrize("url", ["example.org", "https://www.mind.org.uk/groups",
                                 "http://forum.example.net/x?y=1"])
def test_web_addresses_pass_with_or_without_scheme(url: str) -> None:
    assert v.check_url(url) == ""


@pytest.mark.parametrize("url", ["not a link", "ftp://example.org", "localhost", "https://"])
def test_wrong_web_addresses_are_named(url: str) -> None:
    assert "web address" in v.check_url(url)


def test_a_contact_is_checked_by_its_type() -> None:
    assert v.check_contact(ContactMethod(ContactType.EMAIL, "+44 1234")) != ""
    assert v.check_contact(ContactMethod(ContactType.SMS, "+44 1234")) == ""
    assert v.check_contact(ContactMethod(ContactType.ADDRESS, "1 High St")) == ""
    assert "fill in" in v.check_contact(ContactMethod(ContactType.PHONE, "   "))


def test_an_empty_name_asks_for_one() -> None:
    assert "give a name" in v.check_name("   ")


def test_huge_text_is_refused_with_the_limit_named() -> None:
    s = Supporter(name="Sam", kind=Kind.FRIEND, notes="x" * (v.LONG_TEXT_LIMIT + 1))
    assert "20,000" in v.problems(s)["notes"]
    with pytest.raises(ValidationError) as raised:
        v.ensure_valid(s)
    assert raised.value.field == "notes"


def test_problems_names_each_field() -> None:
    s = Supporter(name="", kind=Kind.FRIEND,
                  contacts=[ContactMethod(ContactType.PHONE, "0123 456"),
                            ContactMethod(ContactType.EMAIL, "nope")],
                  availability=[AvailabilityWindow(frozenset(), time(9), time(17))],
                  boundaries=Boundaries(theirs="y" * (v.LONG_TEXT_LIMIT + 5)))
    assert set(v.problems(s)) == {"name", "contacts.1", "availability.0", "boundaries.theirs"}


def test_a_window_without_days_is_refused() -> None:
    assert "at least one day" in v.check_window(AvailabilityWindow(frozenset(), time(9), time(10)))
    assert v.check_window(AvailabilityWindow.always()) == ""


@pytest.mark.parametrize("text,expected", [("9:30", time(9, 30)), ("0930", time(9, 30)),
                                           ("18.05", time(18, 5)), ("24:00", time(0, 0))])
def test_times_of_day_are_read_kindly(text: str, expected: time) -> None:
    assert v.parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "12:60", "noon", "", "9"])
def test_impossible_times_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="not a time of day"):
        v.parse_time(text)


@pytest.mark.parametrize("text,days", [("14d", 14), ("2w", 14), ("30", 30), (" 3 W ", 21)])
def test_cadence_in_days_or_weeks(text: str, days: int) -> None:
    assert v.parse_cadence(text) == timedelta(days=days)


def test_blank_cadence_means_the_ring_default() -> None:
    assert v.parse_cadence("  ") is None


@pytest.mark.parametrize("text", ["0d", "fortnightly", "-3", "9999w"])
def test_odd_cadences_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        v.parse_cadence(text)


@given(st.text())
def test_clean_text_never_keeps_control_characters_and_is_stable(text: str) -> None:
    cleaned = v.clean_text(text)
    assert all(ch in "\n\t" or ch.isprintable() or ch.isspace() or not ch.isascii()
               for ch in cleaned)
    assert not any(0 <= ord(ch) < 32 and ch not in "\n\t" for ch in cleaned)
    assert v.clean_text(cleaned) == cleaned


BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_direction_controls_that_turn_a_name_around_are_removed(control: str) -> None:
    assert v.clean_line(f"{control}Anna Smith\u202c") == "Anna Smith"
    assert v.clean_text(f"Ring {control}after six{control}\nplease") == "Ring after six\nplease"


def test_direction_marks_go_from_left_to_right_text_but_stay_in_right_to_left_text() -> None:
    assert v.clean_line("Ann\u200fa \u200eSmith") == "Anna Smith"
    assert v.clean_line("\u05e9\u05e8\u05d4 (\u200f2)") == "\u05e9\u05e8\u05d4 (\u200f2)"
    assert v.clean_line("\u05e9\u05e8\u05d4\u202e") == "\u05e9\u05e8\u05d4"


@given(st.text())
def test_clean_text_never_keeps_a_direction_override(text: str) -> None:
    assert not set(v.clean_text(text)) & set(BIDI_CONTROLS)


@given(st.text())
def test_every_check_returns_a_message_or_nothing_for_any_text(text: str) -> None:
    for check in (v.check_name, v.check_phone, v.check_email, v.check_url):
        assert isinstance(check(text), str)
    for kind in ContactType:
        assert isinstance(v.check_contact(ContactMethod(kind, text)), str)


@given(st.text(alphabet=string.digits + " -()", min_size=3, max_size=20))
def test_phone_numbers_are_judged_by_digit_count(text: str) -> None:
    digits = sum(ch.isdigit() for ch in text)
    assert (v.check_phone(text) == "") == (3 <= digits <= 15)


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_real_time_round_trips(hour: int, minute: int) -> None:
    assert v.parse_time(f"{hour}:{minute:02d}") == time(hour, minute)


@given(st.text(min_size=1))
def test_parse_time_accepts_or_refuses_never_crashes(text: str) -> None:
    try:
        v.parse_time(text)
    except ValidationError as error:
        assert "time of day" in error.message


@given(st.text())
def test_problems_never_crashes_on_any_name(name: str) -> None:
    found = v.problems(Supporter(name=name, kind=Kind.FRIEND))
    assert ("name" in found) == (not v.clean_line(name) or len(v.clean_line(name)) > 200)


def test_equal_times_need_all_day() -> None:
    assert "All day" in v.check_time_range(time(9), time(9), all_day=False)
    assert v.check_time_range(time(0), time(0), all_day=True) == ""
    assert v.check_time_range(time(22), time(2), all_day=False) == ""  # past midnight is fine
