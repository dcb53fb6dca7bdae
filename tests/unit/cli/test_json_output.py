"""``--json`` on ``list``, ``show`` and ``due``: the export's field names, for scripts."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest

from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.formats.supportdesk_json import checkin_json, person_json
from tests.conftest import FIXED_NOW
from tests.unit.cli.cli_run import cli, opened

EXPORT_PERSON_FIELDS = set(person_json(Supporter(name="x", kind=Kind.FRIEND), UTC))
EXPORT_CHECKIN_FIELDS = set(checkin_json(CheckIn(supporter_id=1, at=FIXED_NOW), UTC))


def read(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def test_list_json_has_everyone_with_the_exports_fields_and_next_due(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Zoë", "--kind", "friend", "--ring", "inner")
    cli("add", "Sam", "--kind", "family")
    cli("pause", "Sam")
    capsys.readouterr()
    assert cli("list", "--json") == 0
    people = read(capsys)["people"]
    assert isinstance(people, list)
    by_name = {p["name"]: p for p in people}
    assert set(by_name) == {"Zoë", "Sam"}
    assert set(by_name["Zoë"]) == EXPORT_PERSON_FIELDS | {"next_due"}
    assert by_name["Zoë"]["ring"] == "inner"
    assert by_name["Zoë"]["next_due"] == "2026-12-01T10:00:00+00:00"
    assert by_name["Sam"]["next_due"] is None and by_name["Sam"]["cadence"]["paused"]


def test_show_json_has_the_person_and_their_checkins(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Priya", "--kind", "family")
    cli("log", "Priya", "--mood-before", "2", "--mood-after", "4", "--got", "emotional",
        "--note", "Talked")
    capsys.readouterr()
    assert cli("show", "priya", "--json") == 0
    document = read(capsys)
    (person,) = document["people"]  # type: ignore[misc]
    (checkin,) = document["checkins"]  # type: ignore[misc]
    assert person["name"] == "Priya" and set(checkin) == EXPORT_CHECKIN_FIELDS
    assert (checkin["person"], checkin["mood_before"], checkin["mood_after"],
            checkin["support_received"], checkin["note"]) == (person["id"], 2, 4,
                                                              ["emotional"], "Talked")


def test_due_json_lists_who_is_due(vault: Path, db_key: bytes,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("due", "--json") == 0
    assert read(capsys) == {"due": []}
    cli("add", "Sam", "--kind", "friend", "--ring", "inner")
    with opened(vault, db_key) as app:
        (sam,) = app.network.supporters()
        assert sam.id is not None
        app.log_checkin(CheckIn(supporter_id=sam.id, at=FIXED_NOW.replace(day=10)))
    capsys.readouterr()
    assert cli("due", "--json") == 0
    (item,) = read(capsys)["due"]  # type: ignore[misc]
    assert item == {"person": sam.id, "name": "Sam", "due_at": "2026-11-17T10:00:00+00:00",
                    "overdue_days": 7.0}


@pytest.mark.parametrize("command", ["list", "show", "due", "gratitude", "plan", "lines",
                                     "reach"])
def test_every_listing_command_offers_json(command: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli(command, "--help")
    assert "--json" in capsys.readouterr().out


def test_a_reader_that_stops_early_ends_the_command_quietly(
        vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError

        def flush(self) -> None:
            raise BrokenPipeError

    cli("add", "Sam", "--kind", "friend")
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert cli("list", "--json") == 0


@pytest.mark.parametrize("argv", [("list", "--json"), ("list",), ("show", "zoe")])
def test_output_into_a_file_or_pipe_is_utf8_whatever_the_locale_says(
        vault: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]) -> None:
    """Redirected on Windows, Python's stdout is in the ANSI code page (cp1252): JSON must
    be UTF-8, and a name it cannot hold must not end the command with a traceback."""
    import io

    cli("add", "Zoë 🧡 東京", "--kind", "friend")
    raw = io.BytesIO()
    redirected = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    monkeypatch.setattr("sys.stdout", redirected)
    assert cli(*argv) == 0
    redirected.flush()
    assert "Zoë 🧡 東京" in raw.getvalue().decode("utf-8")


def test_an_error_naming_what_was_typed_is_utf8_too(
        vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    raw = io.BytesIO()
    redirected = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    monkeypatch.setattr("sys.stderr", redirected)
    assert cli("show", "Nobody 🧡") == 2
    redirected.flush()
    assert "Nobody 🧡" in raw.getvalue().decode("utf-8")
