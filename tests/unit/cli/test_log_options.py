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
