"""``supportdesk init | check | recover | backup | restore`` over a vault in a temp folder.

The OS keyring is replaced by one in-memory key store shared by every command of a
test, the way the real keyring outlives each command.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from supportdesk.cli import run
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.recovery import parse_recovery_key

RECOVERY = re.compile(r"\b(?:[0-9A-Z]{5}-){7}[0-9A-Z]{5}\b")


@pytest.fixture
def keystore(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyStore:
    store = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: store)
    return store


def cli(data_dir: Path, *args: str) -> int:
    return run(["--data-dir", str(data_dir), *args])


def init(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli(data_dir, "init") == 0
    out = capsys.readouterr().out
    found = RECOVERY.findall(out)
    assert len(found) == 1
    return found[0]


def test_init_prints_the_recovery_key_once_with_a_plain_explanation(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path, "init") == 0
    out = capsys.readouterr().out
    keys = RECOVERY.findall(out)
    assert len(keys) == 1 and parse_recovery_key(keys[0]) == keys[0]
    assert "shown only this once" in out and "keep it somewhere safe" in out
    assert cli(tmp_path, "init") == 2
    assert "already a vault" in capsys.readouterr().err


def test_check_reports_all_is_well(tmp_path: Path, keystore: MemoryKeyStore,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    init(tmp_path, capsys)
    assert cli(tmp_path, "check") == 0
    out = capsys.readouterr().out
    assert "All is well" in out and "0 people and services" in out


def test_check_with_the_key_gone_exits_non_zero_with_one_line(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    init(tmp_path, capsys)
    keystore._keys.clear()
    assert cli(tmp_path, "check") == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "recovery key" in err


def test_recover_reads_the_key_from_piped_stdin_and_stores_it_again(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    recovery_key = init(tmp_path, capsys)
    keystore._keys.clear()
    monkeypatch.setattr("sys.stdin", io.StringIO(recovery_key.lower().replace("-", " ") + "\n"))
    assert cli(tmp_path, "recover") == 0
    assert "open again" in capsys.readouterr().out
    assert cli(tmp_path, "check") == 0


def test_recover_with_a_typo_says_so(tmp_path: Path, keystore: MemoryKeyStore,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    recovery_key = init(tmp_path, capsys)
    typo = recovery_key[:-1] + ("0" if recovery_key[-1] != "0" else "1")
    monkeypatch.setattr("sys.stdin", io.StringIO(typo + "\n"))
    assert cli(tmp_path, "recover") == 2
    assert "typing mistake" in capsys.readouterr().err


def test_backup_then_restore_with_yes(tmp_path: Path, keystore: MemoryKeyStore,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    init(data_dir, capsys)
    assert run(["--data-dir", str(data_dir), "add", "Ruth", "--kind", "friend"]) == 0
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    assert cli(data_dir, "backup", str(out_dir)) == 0
    assert "Encrypted backup saved" in capsys.readouterr().out
    backups = list(out_dir.glob("*.sdbackup"))
    assert len(backups) == 1
    assert run(["--data-dir", str(data_dir), "add", "Sam", "--kind", "friend"]) == 0
    capsys.readouterr()
    assert cli(data_dir, "restore", str(backups[0]), "--yes") == 0
    out = capsys.readouterr().out
    assert "1 person or service" in out and "Both integrity checks passed" in out
    assert "Restored" in out
    assert run(["--data-dir", str(data_dir), "list"]) == 0
    listed = capsys.readouterr().out
    assert "Ruth" in listed and "Sam" not in listed


def test_restore_without_yes_on_a_pipe_changes_nothing(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    init(data_dir, capsys)
    target = tmp_path / "one.sdbackup"
    assert cli(data_dir, "backup", str(target)) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli(data_dir, "restore", str(target)) == 2
    assert "--yes" in capsys.readouterr().err


def test_restore_of_a_missing_file_is_one_clear_line(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    init(tmp_path, capsys)
    assert cli(tmp_path, "restore", str(tmp_path / "nope.sdbackup"), "--yes") == 2
    assert "no backup file" in capsys.readouterr().err


def test_demo_commands_use_a_throwaway_vault_and_leave_yours_alone(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path / "mine", "--demo", "check") == 0
    assert "All is well" in capsys.readouterr().out
    assert not (tmp_path / "mine").exists()
    assert keystore.get("anything") is None
