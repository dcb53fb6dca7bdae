"""``lines`` and ``reach`` over a real vault file, with the shipped crisis directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.cli_run import cli


def test_lines_shows_the_emergency_number_and_each_line_with_where_it_was_confirmed(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("lines") == 0  # the locale is en_GB (the fixture)
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["Crisis lines for United Kingdom (GB)", "Emergency: 999"]
    samaritans = next(i for i, line in enumerate(out) if "Samaritans: Call 116 123" in line)
    assert "samaritans.org" in out[samaritans + 1]
    assert any(line.strip().startswith("Last confirmed from") for line in out)


def test_lines_for_another_country_and_as_json(vault: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("lines", "--country", "ie", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["country"] == "IE" and document["emergency"]
    first = document["crisis_lines"][0]
    assert {"country", "name", "contact", "channel", "hours", "source", "verified",
            "notes", "confirmed"} <= set(first)
    assert sum(line["main"] for line in document["crisis_lines"]) == 1


@pytest.mark.parametrize("argv,words", [(("lines", "--country", "XX"), "not a country code"),
                                        (("reach", "--country", "Ireland"),
                                         "not a country code")])
def test_a_wrong_country_is_one_clear_line(vault: Path, capsys: pytest.CaptureFixture[str],
                                           argv: tuple[str, ...], words: str) -> None:
    assert cli(*argv) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


def test_lines_without_a_known_country_says_how_to_give_one(
        vault: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert cli("lines") != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--country GB" in err[0]


def network(capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Noor", "--kind", "friend", "--ring", "outer")
    cli("add", "Ana", "--kind", "friend", "--ring", "inner")
    cli("add", "Ben", "--kind", "family")
    cli("add", "Dr Ávila", "--kind", "professional", "--role", "gp")
    cli("edit", "Ana", "--add-window", "24/7", "--add-contact", "phone:07700 900001")
    cli("edit", "Ben", "--add-window", "24/7")
    cli("edit", "Noor", "--add-window", "mon-fri 9:00-17:00", "--add-contact",
        "sms:07700 900002")
    cli("plan", "add", "ask-for-help", "Knows my signs", "--person", "Noor")
    capsys.readouterr()


def test_reach_puts_the_emergency_number_and_main_line_first_then_as_the_page_does(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    network(capsys)
    assert cli("reach") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Emergency: 999"
    assert out[1].startswith("Main line: Samaritans: Call 116 123")
    titles = [line for line in out[2:] if line and not line.startswith(" ")]
    assert titles == ["From my safety plan: People I can ask for help", "Available now",
                      "Professionals", "More crisis lines"]
    # Tuesday 10:00 UTC: Noor's office hours are on; the plan names her first
    assert out[out.index(titles[0]) + 1] == ("  Noor: Available now · Text 07700 900002 — "
                                             "Knows my signs")
    available = out.index("Available now") + 1
    assert out[available:available + 2] == ["  Ana: Available now · Phone 07700 900001",
                                            "  Ben: Available now · no contact details"]
    assert out[out.index("Professionals") + 1] == "  Dr Ávila: No times added yet · no " \
                                                  "contact details"


def test_reach_json_names_people_as_the_export_does(vault: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    network(capsys)
    assert cli("reach", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["emergency"] == "999" and document["main_line"]["name"] == "Samaritans"
    first = document["sections"][0]["people"][0]
    assert (first["name"], first["available"], first["plan_note"]) == (
        "Noor", "Available now", "Knows my signs")
    assert first["contacts"] == [{"type": "sms", "value": "07700 900002", "label": "",
                                  "preferred": False}]
    assert first["availability"] == [{"days": ["mon", "tue", "wed", "thu", "fri"],
                                      "start": "09:00", "end": "17:00"}]


def test_reach_with_an_empty_network_still_shows_where_to_turn(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("reach") == 0
    out = capsys.readouterr().out
    assert out.startswith("Emergency: 999\nMain line: Samaritans")
    assert "supportdesk add NAME" in out and "More crisis lines" in out
