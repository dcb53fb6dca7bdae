"""The network service: what is saved is cleaned and checked; reciprocity in plain words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from supportdesk.core.errors import NotFoundError, ValidationError
from supportdesk.core.kinds import ContactType, Kind, Mode, Ring, Role, SupportType
from supportdesk.core.model import Cadence, CheckIn, ContactMethod, Supporter
from supportdesk.services.network import reciprocity
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW

EMO = frozenset({SupportType.EMOTIONAL})


def add(session: Session, name: str, **fields: object) -> Supporter:
    return session.network.save_supporter(Supporter(name=name, kind=Kind.FRIEND, **fields))  # type: ignore[arg-type]


def test_saving_cleans_text_and_drops_a_role_for_non_professionals(session: Session) -> None:
    saved = session.network.save_supporter(Supporter(
        name="  Sam\x00  Lee ", kind=Kind.FRIEND, role=Role.GP, notes="Cafe\u0301 talks\r\n",
        contacts=[ContactMethod(ContactType.PHONE, " 07700 900123 ", " mobile ")]))
    assert saved.name == "Sam Lee"
    assert saved.role is Role.NONE
    assert saved.notes == "Café talks"
    assert saved.contacts[0].value == "07700 900123"


def test_an_invalid_supporter_is_not_saved(session: Session) -> None:
    with pytest.raises(ValidationError) as raised:
        session.network.save_supporter(Supporter(
            name="Sam", kind=Kind.FRIEND, contacts=[ContactMethod(ContactType.EMAIL, "sam")]))
    assert raised.value.field == "contacts.0"
    assert session.network.supporters() == []


def test_find_one_tells_unknown_and_ambiguous_names_apart(session: Session) -> None:
    add(session, "Sam Lee")
    add(session, "Samira")
    add(session, "Priya")
    assert session.network.find_one("priya").name == "Priya"
    with pytest.raises(ValidationError, match="could mean Sam Lee, Samira"):
        session.network.find_one("sam")
    with pytest.raises(NotFoundError, match="Nobody called “Noor”"):
        session.network.find_one("Noor")


def test_people_carry_next_due_from_ring_or_own_cadence(session: Session) -> None:
    add(session, "Inner", ring=Ring.INNER)
    add(session, "Own", cadence=Cadence(every=timedelta(days=3)))
    add(session, "Paused", cadence=Cadence(paused=True))
    due = {p.supporter.name: p.next_due for p in session.network.people()}
    assert due["Inner"] == FIXED_NOW + timedelta(days=7)
    assert due["Own"] == FIXED_NOW + timedelta(days=3)
    assert due["Paused"] is None


def test_a_checkin_with_an_impossible_mood_is_refused(session: Session) -> None:
    sam = add(session, "Sam")
    assert sam.id is not None
    with pytest.raises(ValidationError, match="Mood goes from 1"):
        session.network.log_checkin(CheckIn(sam.id, FIXED_NOW, mood_before=7))
    assert session.network.checkins() == []


def test_a_checkin_for_someone_removed_is_refused(session: Session) -> None:
    with pytest.raises(NotFoundError):
        session.network.log_checkin(CheckIn(999, FIXED_NOW))


def test_gratitude_needs_words_and_can_be_marked_thanked(session: Session) -> None:
    sam = add(session, "Sam")
    with pytest.raises(ValidationError):
        session.network.add_gratitude(sam.id, "   ")
    entry = session.network.add_gratitude(sam.id, "Drove me to the appointment")
    assert entry.id is not None
    assert session.network.save_gratitude(replace(entry, thanked=True)).thanked
    assert session.network.gratitude(sam.id)[0].thanked


def _checkin(days_ago: int, gave: bool, received: bool) -> CheckIn:
    return CheckIn(1, FIXED_NOW - timedelta(days=days_ago), Mode.CALL,
                   support_given=EMO if gave else frozenset(),
                   support_received=EMO if received else frozenset())


def test_reciprocity_counts_only_the_span_asked_for() -> None:
    checkins = [_checkin(5, True, False), _checkin(40, False, True), _checkin(200, False, True)]
    three = reciprocity(checkins, FIXED_NOW, 3)
    assert (three.count.checkins, three.count.gave, three.count.received) == (2, 1, 1)
    assert three.words == "Over the last 3 months support has gone both ways."
    twelve = reciprocity(checkins, FIXED_NOW, 12)
    assert twelve.count.received == 2
    assert twelve.words == "Over the last 12 months support has gone both ways."
    assert not twelve.adds_to(three)  # the same balance: a page says it once


def test_reciprocity_names_a_lean_gently() -> None:
    receiving = [_checkin(d, False, True) for d in range(1, 5)]
    assert reciprocity(receiving, FIXED_NOW, 3).words == (
        "Over the last 3 months they've mostly been there for you, and that's okay.")
    giving = [_checkin(d, True, False) for d in range(1, 5)]
    assert reciprocity(giving, FIXED_NOW, 3).words == (
        "Over the last 3 months you've mostly been the one offering support here.")
    assert "×" not in reciprocity(giving * 40, FIXED_NOW, 3).words  # no tally, ever


def test_the_year_is_shown_only_when_it_tells_something_new() -> None:
    recent_giving = [_checkin(d, True, False) for d in range(1, 5)]
    earlier_receiving = [_checkin(d, False, True) for d in range(100, 112)]
    checkins = recent_giving + earlier_receiving
    three, twelve = reciprocity(checkins, FIXED_NOW, 3), reciprocity(checkins, FIXED_NOW, 12)
    assert twelve.adds_to(three)
    assert twelve.words == (
        "Over the last 12 months they've mostly been there for you, and that's okay.")
    only_earlier = reciprocity(earlier_receiving, FIXED_NOW, 3)
    assert only_earlier.words == "No check-ins logged in the last 3 months."
    assert reciprocity(earlier_receiving, FIXED_NOW, 12).adds_to(only_earlier)


def test_checkins_without_support_noted_say_so() -> None:
    assert reciprocity([_checkin(1, False, False)], FIXED_NOW, 1).words == \
        "In touch once in the last month; no support noted."


def test_reciprocity_with_nothing_logged_says_so_gently() -> None:
    assert reciprocity([], datetime(2026, 1, 1, tzinfo=UTC), 3).words == \
        "No check-ins logged in the last 3 months."


def test_service_reciprocity_uses_the_clock(session: Session) -> None:
    sam = add(session, "Sam")
    assert sam.id is not None
    session.network.log_checkin(CheckIn(sam.id, FIXED_NOW - timedelta(days=1),
                                        support_given=EMO))
    assert session.network.reciprocity(sam.id, 3).count.gave == 1


def test_a_right_to_left_override_is_never_saved_in_any_text(session: Session) -> None:
    rlo = "\u202e"
    saved = session.network.save_supporter(Supporter(
        name=f"{rlo}nnA", kind=Kind.GROUP, notes=f"Ring {rlo}after six",
        meeting_place=f"Hall{rlo}", meeting_schedule=f"{rlo}Tuesdays",
        contacts=[ContactMethod(ContactType.PHONE, f"{rlo}07700 900123", f"mob{rlo}ile")]))
    again = session.network.supporter(saved.id or 0)
    assert (again.name, again.notes, again.meeting_place, again.meeting_schedule) == (
        "nnA", "Ring after six", "Hall", "Tuesdays")
    assert (again.contacts[0].value, again.contacts[0].label) == ("07700 900123", "mobile")
    checkin = session.network.log_checkin(CheckIn(saved.id or 0, FIXED_NOW,
                                                  note=f"{rlo}good talk"))
    assert session.network.checkin(checkin.id or 0).note == "good talk"
    thanks = session.network.add_gratitude(saved.id, f"for the {rlo}soup")
    assert thanks.text == "for the soup"


def test_find_one_ignores_case_and_accents(session: Session) -> None:
    add(session, "Dr Ávila")
    add(session, "ZOË Ng")
    add(session, "Priya")
    assert session.network.find_one("dr avila").name == "Dr Ávila"
    assert session.network.find_one("zoe").name == "ZOË Ng"
    assert session.network.find_one("ÁVILA").name == "Dr Ávila"
    # a name typed decomposed (as some keyboards and file systems do) still matches
    assert session.network.find_one("A\u0301vila").name == "Dr Ávila"


def test_an_exact_name_wins_over_longer_ones_even_with_other_accents(session: Session) -> None:
    add(session, "José")
    add(session, "Jose Maria")
    assert session.network.find_one("jose").name == "José"


def test_an_ambiguous_name_lists_every_candidate(session: Session) -> None:
    for name in ("Sam Lee", "Samira", "Sámuel", "Sam Okafor", "Samantha", "Sammy"):
        add(session, name)
    with pytest.raises(ValidationError) as raised:
        session.network.find_one("sam")
    for name in ("Sam Lee", "Samira", "Sámuel", "Sam Okafor", "Samantha", "Sammy"):
        assert name in str(raised.value)
