"""With an app-lock PIN set, the command line asks for it before it shows or changes
anything personal: getpass in a terminal, ``--pin-stdin`` in a script, refused with
one clear line otherwise; wrong PINs slow down across runs, as in the app.

A real vault in a temp folder; the OS keyring is an in-memory store shared by every
command of a test, the way the real keyring outlives each command.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from supportdesk.cli import pin_prompt, run
from supportdesk.core.kinds import Kind
from supportdesk.core.model import HelpNotes, Supporter
from supportdesk.services import app_lock
from supportdesk.services.app_lock import AppLock
from supportdesk.services.session import open_session
from supportdesk.services.settings import Settings
from supportdesk.vault.keystore import MemoryKeyStore

NOTE = "Sit with me and make tea"
PIN = "2468"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> Path:
    """A vault holding Sam, whose note is private, with the PIN 2468 set."""
    store = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: store)
    assert run(["--data-dir", str(tmp_path), "init"]) == 0
    session = open_session(tmp_path)
    session.network.save_supporter(Supporter("Sam", Kind.FRIEND,
                                             help=HelpNotes(what_helps=NOTE)))
    AppLock(Settings(session.repo)).set_pin(PIN)
    session.close()
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: no terminal
    return tmp_path


def cli(data_dir: Path, *args: str, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> int:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run(["--data-dir", str(data_dir), *args])


def test_show_in_a_script_without_the_pin_is_refused_and_shows_nothing(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(vault, "show", "Sam") == 2
    out, err = capsys.readouterr()
    assert NOTE not in out and "Sam" not in out
    assert err.strip() == f"supportdesk: {pin_prompt.NO_TERMINAL}"


@pytest.mark.parametrize("command", [
    ["list"], ["show", "Sam"], ["due"], ["add", "Ana", "--kind", "friend"],
    ["log", "Sam"], ["mood", "3"], ["export", "--format", "csv", "--yes", "OUT"],
    ["import", "IN"], ["restore", "BACKUP", "--yes"],
])
def test_every_command_that_shows_or_changes_the_network_asks_first(
    vault: Path, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "IN").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n")
    assert cli(vault, "backup", str(tmp_path / "BACKUP")) == 0  # no PIN: it stays encrypted
    capsys.readouterr()
    args = [str(tmp_path / a) if a in ("OUT", "IN", "BACKUP") else a for a in command]
    assert cli(vault, *args) == 2
    out, err = capsys.readouterr()
    assert "Sam" not in out and NOTE not in out
    assert pin_prompt.NO_TERMINAL in err
    assert not (tmp_path / "OUT").exists()
    session = open_session(vault)
    assert [s.name for s in session.network.supporters()] == ["Sam"]  # nothing changed
    assert session.network.checkins() == []
    assert session.repo.mood_entries() == []
    session.close()


def test_check_and_backup_show_nothing_personal_and_need_no_pin(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(vault, "check") == 0
    assert cli(vault, "backup", str(tmp_path / "copy.db")) == 0
    assert "Sam" not in capsys.readouterr().out


def test_the_pin_on_stdin_with_pin_stdin_opens_it(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(vault, "--pin-stdin", "show", "Sam", stdin=f"{PIN}\n",
               monkeypatch=monkeypatch) == 0
    assert NOTE in capsys.readouterr().out


def test_a_pin_piped_without_pin_stdin_is_not_read(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(vault, "show", "Sam", stdin=f"{PIN}\n", monkeypatch=monkeypatch) == 2
    assert NOTE not in capsys.readouterr().out


def test_a_wrong_pin_on_stdin_is_refused(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(vault, "--pin-stdin", "show", "Sam", stdin="1357\n",
               monkeypatch=monkeypatch) == 2
    out, err = capsys.readouterr()
    assert NOTE not in out
    assert "That PIN didn't match. Nothing was shown or changed." in err
    assert cli(vault, "--pin-stdin", "list", stdin="\n", monkeypatch=monkeypatch) == 2
    assert pin_prompt.NO_PIN_GIVEN in capsys.readouterr().err


def test_in_a_terminal_getpass_asks_and_a_mistake_can_be_corrected(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["1111", PIN])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr(pin_prompt.getpass, "getpass", fake_getpass)
    assert cli(vault, "show", "Sam") == 0
    out, err = capsys.readouterr()
    assert NOTE in out
    assert prompts == ["PIN: ", "PIN: "]
    assert "That PIN didn't match. Please try again." in err


def test_wrong_pins_slow_down_across_runs(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(app_lock.TRIES_BEFORE_PAUSE - 1):
        assert cli(vault, "--pin-stdin", "list", stdin="0000\n", monkeypatch=monkeypatch) == 2
    assert cli(vault, "--pin-stdin", "list", stdin="0000\n", monkeypatch=monkeypatch) == 2
    assert "Let's pause for 30 seconds" in capsys.readouterr().err
    assert cli(vault, "--pin-stdin", "list", stdin=f"{PIN}\n", monkeypatch=monkeypatch) == 2
    out, err = capsys.readouterr()
    assert "Sam" not in out and "pause" in err  # even the right PIN waits


def test_without_a_pin_nothing_is_asked(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = open_session(vault)
    AppLock(Settings(session.repo)).clear_pin()
    session.close()
    assert cli(vault, "show", "Sam") == 0
    assert NOTE in capsys.readouterr().out


def test_mood_with_the_pin_and_the_note_both_on_stdin_takes_the_pin_first(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(vault, "--pin-stdin", "mood", "2", "--feeling", "tired", "--note", "-",
               stdin=f"{PIN}\nHard morning.\nBetter after tea.\n",
               monkeypatch=monkeypatch) == 0
    assert "Noted: low, tired." in capsys.readouterr().out
    session = open_session(vault)
    (entry,) = session.repo.mood_entries()
    assert (entry.mood, entry.feelings, entry.note) == (2, ("tired",),
                                                        "Hard morning.\nBetter after tea.")
    session.close()
