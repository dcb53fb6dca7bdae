"""``supportdesk list/add/log/show`` over a real encrypted vault file in tmp_path.

Each invocation opens the vault afresh (as separate runs would), through
``vault_commands.open_session``, here pointed at a test database with a fixed key.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from supportdesk.cli import run, vault_commands
from supportdesk.core.kinds import Kind, Mode, Ring, Role
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from tests.conftest import FIXED_NOW


@pytest.fixture
def vault(tmp_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "supportdesk.db"

    def open_session(args: argparse.Namespace) -> Session:
        db = database.connect(path, db_key)
        migrations.migrate(db)
        return Session(db, clock=lambda: FIXED_NOW)

    monkeypatch.setattr(vault_commands, "open_session", open_session, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    return path


def cli(*argv: str) -> int:
    return run(list(argv))


def reopen(path: Path, key: bytes) -> Session:
    db = database.connect(path, key)
    return Session(db, clock=lambda: FIXED_NOW)


def test_add_then_list_shows_the_person(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("add", "Dr Ávila", "--kind", "professional", "--role", "psychiatrist",
               "--ring", "outer", "--every", "4w") == 0
    assert "Added Dr Ávila (Psychiatrist, outer circle)." in capsys.readouterr().out
    assert cli("list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Name", "Kind", "Ring", "Last", "contact", "Next", "due"]
    assert lines[1].split() == ["Dr", "Ávila", "Psychiatrist", "outer", "never", "in", "4",
                                "weeks"]


def test_add_keeps_kind_role_ring_and_cadence(vault: Path, db_key: bytes) -> None:
    assert cli("add", "Sam", "--kind", "friend", "--ring", "inner", "--every", "10") == 0
    session = reopen(vault, db_key)
    (sam,) = session.network.supporters()
    assert (sam.kind, sam.role, sam.ring, sam.cadence.every.days if sam.cadence.every else 0) \
        == (Kind.FRIEND, Role.NONE, Ring.INNER, 10)
    session.close()


def test_a_role_for_a_friend_is_refused(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("add", "Sam", "--kind", "friend", "--role", "gp") != 0
    assert "only for professionals" in capsys.readouterr().err


def test_a_bad_cadence_is_one_clear_line(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("add", "Sam", "--kind", "friend", "--every", "often") != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["supportdesk: Say how often as days or weeks, like 14d, 2w or 30."]


def test_log_records_a_checkin_and_list_shows_it(
    vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("add", "Priya", "--kind", "family")
    assert cli("log", "priya", "--mode", "video", "--mood", "4", "--date", "2026-11-21",
               "--note", "Talked about the move") == 0
    assert "Logged a video with Priya, feeling good." in capsys.readouterr().out
    session = reopen(vault, db_key)
    (checkin,) = session.network.checkins()
    assert (checkin.mode, checkin.mood_after, checkin.note) == (Mode.VIDEO, 4,
                                                                "Talked about the move")
    assert checkin.at.date().isoformat() == "2026-11-21"
    session.close()
    cli("list")
    assert "3 days ago" in capsys.readouterr().out


def test_log_with_an_unknown_name_fails_clearly(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("add", "Priya", "--kind", "family")
    capsys.readouterr()
    assert cli("log", "Noor") != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Nobody called “Noor”" in err[0]


def test_log_with_an_ambiguous_name_fails_clearly(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("add", "Sam Lee", "--kind", "friend")
    cli("add", "Samira", "--kind", "friend")
    capsys.readouterr()
    assert cli("log", "sam") != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "could mean Sam Lee, Samira" in err[0]


@pytest.mark.parametrize("day,words", [("2026-13-01", "not a date"), ("2027-01-01", "future")])
def test_log_with_a_wrong_date_fails_clearly(
    vault: Path, capsys: pytest.CaptureFixture[str], day: str, words: str
) -> None:
    cli("add", "Priya", "--kind", "family")
    assert cli("log", "Priya", "--date", day) != 0
    assert words in capsys.readouterr().err


def test_show_prints_details_notes_and_checkins(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("add", "Priya", "--kind", "family", "--ring", "inner")
    cli("log", "Priya", "--mode", "text", "--note", "Sent a photo")
    capsys.readouterr()
    assert cli("show", "Priya") == 0
    out = capsys.readouterr().out
    assert out.startswith("Priya\n  Family · Inner circle\n")
    assert "Last contact: today" in out
    assert "Next check-in: in 7 days" in out
    assert "Text — Sent a photo" in out
    assert "No check-ins logged" not in out


def test_list_of_an_empty_network_says_how_to_start(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("list") == 0
    assert "supportdesk add NAME" in capsys.readouterr().out


# -- a private note (issue 13, item 10) ------------------------------------------------

def _logged_note(vault: Path, key: bytes) -> str:
    session = reopen(vault, key)
    try:
        (checkin,) = session.network.checkins()
        return checkin.note
    finally:
        session.close()


def test_log_reads_the_note_from_standard_input(
        vault: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import io

    cli("add", "Priya", "--kind", "family")
    monkeypatch.setattr("sys.stdin", io.StringIO("We talked about the hospital.\nIt helped.\n"))
    assert cli("log", "Priya", "--note", "-") == 0
    assert _logged_note(vault, db_key) == "We talked about the hospital.\nIt helped."


def test_log_edit_opens_the_editor_on_a_private_file_that_is_then_removed(
        vault: Path, db_key: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import stat
    import sys

    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import os, stat, sys\n"
        "path = sys.argv[1]\n"
        f"open({str(seen)!r}, 'w').write(path + '\\n' + oct(stat.S_IMODE(os.stat(path).st_mode))"
        " + '\\n' + oct(stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode)))\n"
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write('Said I was struggling.\\n' + text)\n",
        encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    cli("add", "Priya", "--kind", "family")
    assert cli("log", "Priya", "--edit") == 0
    assert _logged_note(vault, db_key) == "Said I was struggling."  # the # lines left out
    path, file_mode, folder_mode = seen.read_text().splitlines()
    if os.name == "posix":
        assert (file_mode, folder_mode) == (oct(0o600), oct(0o700))
    assert not os.path.exists(os.path.dirname(path)), "the note's file is removed"
    assert stat.S_ISREG(os.stat(editor).st_mode)


def test_a_failing_editor_logs_nothing(vault: Path, db_key: bytes,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VISUAL", "false")
    cli("add", "Priya", "--kind", "family")
    assert cli("log", "Priya", "--edit") != 0
    assert "nothing was logged" in capsys.readouterr().err
    session = reopen(vault, db_key)
    assert session.network.checkins() == []
    session.close()


def test_log_help_says_why_the_note_is_better_kept_off_the_command_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli("log", "--help")
    text = " ".join(capsys.readouterr().out.split())
    assert "--note -" in text and "--edit" in text
    assert "shell history" in text and "other users" in text


def test_mood_notes_how_you_are_with_feelings_and_a_note_from_stdin(
        vault: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Didn't sleep much.\n"))
    assert cli("mood", "3", "--feeling", "tired", "--feeling", "Anxious", "--note", "-") == 0
    assert capsys.readouterr().out.strip() == ("Noted: okay, tired, anxious. Thank you for "
                                               "checking in with yourself.")
    session = reopen(vault, db_key)
    try:
        (entry,) = session.repo.mood_entries()
        assert (entry.at, entry.mood, entry.feelings, entry.note) == (
            FIXED_NOW, 3, ("tired", "anxious"), "Didn't sleep much.")
        assert session.network.checkins() == []  # no one else was involved
    finally:
        session.close()


@pytest.mark.parametrize(("words", "mood"), [("1", 1), ("very low", 1), ("Okay", 3),
                                             ("5", 5)])
def test_mood_takes_the_number_or_the_words_of_the_scale(
        vault: Path, db_key: bytes, words: str, mood: int) -> None:
    assert cli("mood", words) == 0
    session = reopen(vault, db_key)
    try:
        assert [e.mood for e in session.repo.mood_entries()] == [mood]
    finally:
        session.close()


@pytest.mark.parametrize("mood", ["0", "6", "meh"])
def test_mood_off_the_scale_is_refused_and_nothing_is_noted(
        vault: Path, db_key: bytes, mood: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli("mood", mood)
    assert "from 1 (very low) to 5 (very good)" in capsys.readouterr().err
    assert not vault.exists()  # refused before the vault was opened


def test_kinds_of_help_are_shown_and_list_can_pick_by_them(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Priya", "--kind", "family")
    cli("add", "Tom", "--kind", "friend")
    assert cli("edit", "Priya", "--add-help", "listening", "--add-help", "A lift") == 0
    assert cli("edit", "Tom", "--add-help", "a lift", "--add-help", "childcare",
               "--remove-help", "childcare") == 0
    capsys.readouterr()
    assert cli("show", "Priya") == 0
    assert "  Can help with: listening, A lift\n" in capsys.readouterr().out
    assert cli("list", "--help-with", "a  LIFT") == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert names == ["Priya", "Tom"]
    assert cli("list", "--help-with", "listening") == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]] == ["Priya"]
    assert cli("list", "--help-with", "childcare") == 0
    out = capsys.readouterr().out
    assert out.startswith("Nobody is noted as helping with “childcare” yet.")
    assert "a lift" in out
    assert cli("list", "--help-with", "listening", "--json") == 0
    (person,) = json.loads(capsys.readouterr().out)["people"]
    assert (person["name"], person["help_with"]) == ("Priya", ["listening", "A lift"])
