"""The shipped crisis-line directory is sound, and entries are checked before they are kept."""

from __future__ import annotations

import json
from datetime import date

import pytest

from supportdesk.core.crisis import (
    CONFIRM_HOURS,
    Evidence,
    LineEvidence,
    confirmation_words,
    crisis_line_problems,
    evidence_problems,
    is_country,
    is_phone_number,
)
from supportdesk.core.kinds import Channel
from supportdesk.core.model import CrisisLine
from supportdesk.resources import resource_path
from supportdesk.services.crisis_lines import line_key, parse_directory, shipped_problems

RAW = json.loads(resource_path("crisis_lines.json").read_text(encoding="utf-8"))
DIRECTORY = parse_directory(RAW)
ALL_LINES = [line for c in DIRECTORY.countries.values() for line in c.lines]


def test_the_shipped_file_has_no_problems() -> None:
    assert shipped_problems(DIRECTORY) == []


@pytest.mark.parametrize("code", ["US", "CA", "GB", "IE", "AU", "NZ"])
def test_the_required_countries_have_lines_and_an_emergency_number(code: str) -> None:
    country = DIRECTORY.countries[code]
    assert country.lines and country.emergency


@pytest.mark.parametrize("line", ALL_LINES, ids=lambda line: f"{line.country}-{line.name}")
def test_every_entry_is_sourced_well_formed_and_carries_its_evidence(line: CrisisLine) -> None:
    assert is_country(line.country)
    assert line.source.startswith("https://")
    assert line.verified is None  # nothing claims a check beyond its evidence
    if line.channel is Channel.CHAT:
        assert line.contact.startswith("https://")
    else:
        assert is_phone_number(line.contact)
    assert line.hours
    found = DIRECTORY.evidence[line_key(line)]
    assert found.number.confirmed  # every number shipped was found on a stored page
    assert evidence_problems(found.number, names=line.contact) == []
    if found.hours.status != "confirmed":
        assert line.hours != "24/7" and "not confirmed" in line.hours.lower()


@pytest.mark.parametrize("line", ALL_LINES, ids=lambda line: f"{line.country}-{line.name}")
def test_a_date_is_shown_only_where_the_evidence_has_one(line: CrisisLine) -> None:
    found = DIRECTORY.evidence[line_key(line)]
    words = confirmation_words(found)
    if words.startswith("Last confirmed"):
        assert found.number.confirmed and found.hours.confirmed
        assert found.number.copy_seen and found.hours.copy_seen
        assert found.number.site in words and found.hours.site in words
    else:
        assert CONFIRM_HOURS in words


def test_nothing_in_the_file_says_verified() -> None:
    text = resource_path("crisis_lines.json").read_text(encoding="utf-8")
    assert "verified" not in text.casefold()
    assert "from memory" in RAW["note"] and "stored copies" in RAW["note"]
    assert "confirm" in RAW["note"] and RAW["version"] >= 2


@pytest.mark.parametrize("code", sorted(DIRECTORY.countries))
def test_every_country_has_an_emergency_number_with_evidence(code: str) -> None:
    country = DIRECTORY.countries[code]
    assert country.emergency and country.emergency_dial
    assert is_phone_number(country.emergency_dial)
    assert any(country.emergency_dial in e.quote.replace("-", "")
               for e in country.emergency_evidence if e.confirmed)


def test_what_the_check_found_different_is_fixed() -> None:
    def entry(code: str, name: str) -> CrisisLine:
        return next(line for line in DIRECTORY.countries[code].lines if line.name == name)

    assert "11:00" not in entry("DK", "Livslinien").hours
    assert confirmation_words(DIRECTORY.evidence[line_key(entry("DK", "Livslinien"))]) \
        .endswith(CONFIRM_HOURS)
    assert "TALK" in entry("IE", "Text 50808").notes
    assert entry("ZA", "SADAG Suicide Crisis Helpline").hours != "24/7"
    assert "101" in DIRECTORY.countries["BE"].emergency
    assert "144" in DIRECTORY.countries["CH"].emergency
    assert "117" in DIRECTORY.countries["CH"].emergency
    assert "10177" in DIRECTORY.countries["ZA"].emergency
    contacts = {(line.country, line.contact) for line in ALL_LINES}
    assert {("ZA", "0800 456 789"), ("ZA", "31393"), ("NO", "22 40 00 40")} <= contacts


def test_a_confirmation_without_a_page_or_quote_is_a_problem() -> None:
    assert evidence_problems(Evidence("confirmed", "", "open 24/7"))
    assert evidence_problems(Evidence("confirmed", "https://example.org", ""))
    assert evidence_problems(Evidence("confirmed", "https://example.org", "call 111"),
                             names="999")
    assert evidence_problems(Evidence("probably"))
    assert evidence_problems(Evidence("unconfirmed")) == []


def test_confirmation_words() -> None:
    dated = Evidence("confirmed", "https://www.example.org/a", "call 111", "2022-01-26")
    undated = Evidence("confirmed", "https://news.example.com/b", "open 24/7")
    assert confirmation_words(LineEvidence(dated, dated)) == \
        "Last confirmed from example.org on 26 January 2022."
    assert confirmation_words(LineEvidence(dated, Evidence("confirmed", dated.url, "24/7",
                                                           "2019-10"))) == \
        "Last confirmed from example.org in October 2019."
    assert confirmation_words(LineEvidence(dated, undated)).endswith(CONFIRM_HOURS)
    assert confirmation_words(LineEvidence(dated, Evidence("differs"))).endswith(CONFIRM_HOURS)
    assert "number" in confirmation_words(None)


def test_well_known_numbers_are_there() -> None:
    contacts = {(line.country, line.contact) for line in ALL_LINES}
    for expected in [("US", "988"), ("GB", "116 123"), ("IE", "116 123"), ("GB", "85258"),
                     ("AU", "13 11 14"), ("NZ", "0800 543 354"), ("NZ", "1737"),
                     ("CA", "988")]:
        assert expected in contacts


def line(**kw: object) -> CrisisLine:
    fields: dict[str, object] = {"country": "GB", "name": "Local line", "contact": "0800 123 456",
                                 "channel": Channel.CALL, "hours": "24/7", "source": ""}
    fields.update(kw)
    return CrisisLine(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("entry", "shipped", "fields"),
    [
        (line(), False, set()),
        (line(), True, {"source"}),
        (line(country="UK"), False, {"country"}),  # UK is not the ISO code: GB is
        (line(country="gb"), False, {"country"}),
        (line(name="  "), False, {"name"}),
        (line(contact="call me"), False, {"contact"}),
        (line(contact="12"), False, {"contact"}),
        (line(contact="+44 (0)20 7946 0000"), False, set()),
        (line(contact="1234567890123456"), False, {"contact"}),
        (line(channel=Channel.CHAT, contact="https://example.org/chat"), False, set()),
        (line(channel=Channel.CHAT, contact="0800 123 456"), False, {"contact"}),
        (line(source="example.org"), False, {"source"}),
        (line(source="https://example.org", verified=date(2026, 1, 1)), True, set()),
    ],
)
def test_crisis_line_problems(entry: CrisisLine, shipped: bool, fields: set[str]) -> None:
    assert {f for f, _ in crisis_line_problems(entry, shipped=shipped)} == fields
