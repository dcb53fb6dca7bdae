"""``supportdesk import FILE.csv``: a Daylio backup found by its header or --format,
the person's own mood names given with --mood, nothing twice, nothing without a yes."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from supportdesk.cli import run, vault_commands
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from tests.conftest import FIXED_NOW

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "daylio-sample.csv"


@pytest.fixture
def open_vault(tmp_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch) -> Session:
    path = tmp_path / "supportdesk.db"

    def open_session(args: argparse.Namespace) -> Session:
        db = database.connect(path, db_key)
        migrations.migrate(db)
        return Session(db, clock=lambda: FIXED_NOW)

    monkeypatch.setattr(vault_commands, "open_session", open_session)
    monkeypatch.setenv("TZ", "Europe/London")
    return open_session(argparse.Namespace())


def test_found_by_its_header_and_waits_for_an_own_mood_name(
        open_vault: Session, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", str(SAMPLE), "--yes"]) == 1
    out = capsys.readouterr().out
    assert "Found 6 moods from 5 March 2024 to 7 March 2024: 5 new, 1 waiting" in out
    assert '“sleepy” (1 entry) is a mood name of your own: add --mood "sleepy=N"' in out
    assert "Nothing was imported yet." in out
    assert open_vault.repo.mood_entries() == []


def test_with_mood_names_given_it_imports_once(open_vault: Session, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    renamed = tmp_path / "backup.txt"  # the name does not say; --format does
    shutil.copy(SAMPLE, renamed)
    assert run(["import", str(renamed), "--format", "daylio", "--mood", "sleepy=2",
                "--yes"]) == 0
    assert "Imported: 6 moods added." in capsys.readouterr().out
    assert sorted(e.mood for e in open_vault.repo.mood_entries()) == [1, 2, 2, 3, 4, 5]
    assert run(["import", str(renamed), "--mood", "sleepy=2", "--yes"]) == 0
    assert "Nothing new to import." in capsys.readouterr().out
    assert len(open_vault.repo.mood_entries()) == 6


def test_leaving_a_name_out_and_a_wrong_mood_number(open_vault: Session,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", str(SAMPLE), "--mood", "sleepy=9", "--yes"]) == 2
    assert "--mood sleepy=9: Choose a mood from 1 (very low) to 5" in capsys.readouterr().err
    assert run(["import", str(SAMPLE), "--mood", "Sleepy=0", "--yes"]) == 0
    assert "Imported: 5 moods added." in capsys.readouterr().out


def test_without_a_yes_nothing_is_written(open_vault: Session,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert run(["import", str(SAMPLE), "--mood", "sleepy=2"]) == 2  # needs a yes
    assert open_vault.repo.mood_entries() == []


def test_format_daylio_on_a_file_that_is_not_one(open_vault: Session, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "people.csv"
    other.write_text("First Name,Last Name\nRobin,Okafor\n", encoding="utf-8")
    assert run(["import", str(other), "--format", "daylio", "--yes"]) != 0
    assert "not a Daylio export" in capsys.readouterr().err
