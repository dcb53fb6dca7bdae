"""``supportdesk log`` takes everything the check-in dialog has."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportdesk.core.kinds import Initiator, SupportType
from tests.unit.cli.cli_run import cli, opened


def test_log_keeps_both_moods_who_reached_out_and_support_both_ways(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Priya", "--kind", "family")
    assert cli("log", "Priya", "--mood-before", "2", "--mood-after", "4",
               "--they-reached-out", "--gave", "practical", "--got", "emotional,company",
               "--got", "information") == 0
    out = capsys.readouterr().out
    assert "Logged a call with Priya" in out and "low" in out.lower()
    with opened(vault, db_key) as app:
        (checkin,) = app.network.checkins()
    assert (checkin.mood_before, checkin.mood_after, checkin.initiator) == (2, 4, Initiator.THEM)
    assert checkin.support_given == {SupportType.PRACTICAL}
    assert checkin.support_received == {SupportType.EMOTIONAL, SupportType.COMPANY,
                                        SupportType.INFORMATION}


def test_mood_is_still_the_mood_afterwards(vault: Path, db_key: bytes) -> None:
    cli("add", "Priya", "--kind", "family")
    assert cli("log", "Priya", "--mood", "5") == 0
    with opened(vault, db_key) as app:
        (checkin,) = app.network.checkins()
    assert (checkin.mood_before, checkin.mood_after, checkin.initiator) == (None, 5, Initiator.ME)


def test_an_unknown_support_type_is_one_clear_line(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Priya", "--kind", "family")
    capsys.readouterr()
    assert cli("log", "Priya", "--gave", "hugs") != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "hugs" in err[0] and "emotional, practical" in err[0]
    with opened(vault, db_key) as app:
        assert app.network.checkins() == []




def test_log_help_names_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli("log", "--help")
    text = capsys.readouterr().out
    for option in ("--mood-before", "--mood-after", "--they-reached-out", "--gave", "--got",
                   "emotional", "company"):
        assert option in text


@pytest.mark.parametrize("piped,kept", [("Zoë 🧡 walk".encode(), "Zoë 🧡 walk"),
                                        ("\ufeffTea".encode(), "Tea"),
                                        (b"caf\xe9 chat", "café chat")])
def test_a_piped_note_is_read_as_utf8_whatever_the_locale_says(
        vault: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch,
        piped: bytes, kept: str) -> None:
    """Piped on Windows, Python reads stdin in the ANSI code page; a note piped from a
    UTF-8 file must keep its words (and a file in that code page still reads)."""
    import io

    cli("add", "Sam", "--kind", "friend")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped), encoding="cp1252"))
    monkeypatch.setattr("locale.getpreferredencoding", lambda do_setlocale=True: "cp1252")
    assert cli("log", "Sam", "--note", "-") == 0
    with opened(vault, db_key) as app:
        assert [c.note for c in app.network.checkins()] == [kept]
