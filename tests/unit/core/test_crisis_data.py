"""The shipped crisis-line directory is sound, and entries are checked before they are kept."""

from __future__ import annotations

import json
from datetime import date

import pytest

from supportdesk.core.crisis import crisis_line_problems, is_country, is_phone_number
from supportdesk.core.kinds import Channel
from supportdesk.core.model import CrisisLine
from supportdesk.resources import resource_path
from supportdesk.services.crisis_lines import parse_directory, shipped_problems

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
def test_every_entry_is_sourced_dated_and_well_formed(line: CrisisLine) -> None:
    assert is_country(line.country)
    assert line.source.startswith("https://")
    assert line.verified is not None and line.verified <= date(2026, 11, 24)
    if line.channel is Channel.CHAT:
        assert line.contact.startswith("https://")
    else:
        assert is_phone_number(line.contact)
    assert line.hours


def test_the_file_says_how_it_was_verified_and_to_confirm_locally() -> None:
    assert "confirm" in RAW["note"] and "source" in RAW["note"]
    assert RAW["version"] >= 1


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
        (line(), True, {"source", "verified"}),
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
