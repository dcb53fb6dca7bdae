"""``appointments`` and ``asks`` over a real vault file (the clock at FIXED_NOW, UTC)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportdesk.core.appointments import AskKind
from tests.unit.cli.cli_run import cli, opened


def err_line(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err.strip()


def test_an_appointment_is_added_and_listed_with_its_questions(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Dr Ávila", "--kind", "professional", "--role", "gp")
    assert cli("appointments") == 0
    assert "No appointments coming up" in capsys.readouterr().out
    assert cli("appointments", "add", "dr avila", "2026-11-26 14:30", "--place", "Room 4",
               "--remind", "1h") == 0
    assert "Added an appointment with Dr Ávila: Thu 26 Nov at 14:30." in \
        capsys.readouterr().out
    assert cli("asks", "dr avila", "add", "Sleep", "since", "the", "new", "dose?",
               "--question") == 0
    assert "questions to bring: Sleep since the new dose?" in capsys.readouterr().out
    assert cli("appointments") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Thu 26 Nov at 14:30  Dr Ávila · Room 4 · reminder 1 hour before",
        "    ? Sleep since the new dose?"]
    assert cli("appointments", "--json") == 0
    [record] = json.loads(capsys.readouterr().out)["appointments"]
    assert record == {"person": record["person"], "at": "2026-11-26T14:30:00+00:00",
                      "place": "Room 4", "remind_minutes_before": 60, "note": "",
                      "name": "Dr Ávila", "questions": ["Sleep since the new dose?"]}
    with opened(vault, db_key) as app:
        [a] = app.appointments.appointments()
        assert a.remind_at is not None


def test_appointments_refuse_plainly(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    cli("add", "Dr Ávila", "--kind", "professional")
    assert cli("appointments", "add", "Sam", "2026-11-26 14:30") != 0
    assert "Appointments are for professionals" in err_line(capsys)
    assert cli("appointments", "add", "Ávila", "next tuesday") != 0
    assert "write it like 2026-12-10 14:30" in err_line(capsys)
    assert cli("appointments", "add", "Ávila", "2026-11-20 09:00") != 0
    assert "That time has passed" in err_line(capsys)
    assert cli("appointments", "add", "Ávila", "2026-11-26 09:00", "--remind", "soon") != 0
    assert "like 30m, 2h or 1d" in err_line(capsys)


def test_asks_are_listed_numbered_and_ticked_off(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Priya", "--kind", "friend")
    assert cli("asks", "priya") == 0
    assert "Nothing on Priya's list" in capsys.readouterr().out
    cli("asks", "priya", "add", "her job interview on Friday")
    cli("asks", "priya", "add", "the new flat")
    capsys.readouterr()
    assert cli("asks", "priya") == 0
    assert capsys.readouterr().out.splitlines() == [
        "To ask about next time:", "  1. [ ] her job interview on Friday",
        "  2. [ ] the new flat"]
    assert cli("asks", "priya", "done", "1") == 0
    assert "Ticked off: her job interview on Friday" in capsys.readouterr().out
    assert cli("asks", "priya", "--json") == 0
    [left] = json.loads(capsys.readouterr().out)["asks"]
    assert (left["number"], left["text"], left["done"]) == (1, "the new flat", False)
    assert cli("asks", "priya", "done", "7") != 0
    assert "There is no number 7" in err_line(capsys)
    assert cli("asks", "priya", "--all") == 0
    assert "  1. [x] her job interview on Friday" in capsys.readouterr().out
    with opened(vault, db_key) as app:
        kinds = {a.kind for a in app.appointments.asks()}
    assert kinds == {AskKind.NEXT_TIME}
