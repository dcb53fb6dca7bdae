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
    assert "keep it somewhere safe" in out and "recovery-key --confirm" in out
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


# -- a damaged or missing vault (issue 13) ------------------------------------------------


def files_in(folder: Path) -> list[tuple[str, bytes]]:
    return sorted((str(p.relative_to(folder)), p.read_bytes()) for p in folder.rglob("*")
                  if p.is_file() and p.name != "supportdesk.lock")


def made_with_backup(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Path]:
    """A vault holding Ruth, with one backup in its own backups folder."""
    recovery_key = init(data_dir, capsys)
    assert run(["--data-dir", str(data_dir), "add", "Ruth", "--kind", "friend"]) == 0
    (data_dir / "backups").mkdir()
    assert cli(data_dir, "backup", str(data_dir / "backups")) == 0
    capsys.readouterr()
    backups = list((data_dir / "backups").glob("*.sdbackup"))
    assert len(backups) == 1
    return recovery_key, backups[0]


@pytest.mark.parametrize("damage", ["empty", "one byte", "missing"])
def test_check_on_a_damaged_vault_names_the_newest_backup_and_changes_nothing(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str],
        damage: str) -> None:
    _, backup = made_with_backup(tmp_path, capsys)
    db = tmp_path / "supportdesk.db"
    if damage == "missing":
        db.unlink()
    else:
        db.write_bytes(db.read_bytes()[:1] if damage == "one byte" else b"")
    before = files_in(tmp_path)
    assert cli(tmp_path, "check") == 2
    captured = capsys.readouterr()
    assert "All is well" not in captured.out and "Holds" not in captured.out
    err = captured.err
    assert str(backup) in err and "Nothing has been changed" in err
    assert "no vault" not in err.lower() and len(err.strip().splitlines()) == 1
    if damage == "missing":
        assert "missing" in err
    assert files_in(tmp_path) == before


def test_init_refuses_to_make_a_new_vault_over_a_vault_json(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    _, backup = made_with_backup(tmp_path, capsys)
    (tmp_path / "supportdesk.db").unlink()
    meta = (tmp_path / "vault.json").read_bytes()
    assert cli(tmp_path, "init") == 2
    err = capsys.readouterr().err
    assert "missing" in err and "--start-fresh" in err and str(backup) in err
    assert (tmp_path / "vault.json").read_bytes() == meta
    assert not (tmp_path / "supportdesk.db").exists()


def test_init_start_fresh_keeps_the_old_vault_json_aside(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    made_with_backup(tmp_path, capsys)
    (tmp_path / "supportdesk.db").unlink()
    meta = (tmp_path / "vault.json").read_bytes()
    assert cli(tmp_path, "init", "--start-fresh") == 0
    assert "kept aside" in capsys.readouterr().out
    kept = list(tmp_path.glob("vault.json.before-fresh-start-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == meta
    assert (tmp_path / "vault.json").read_bytes() != meta
    assert cli(tmp_path, "check") == 0
    assert len(list((tmp_path / "backups").glob("*.sdbackup"))) == 1  # the old one stays


def test_restore_puts_a_backup_back_where_the_database_has_gone(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    _, backup = made_with_backup(tmp_path, capsys)
    (tmp_path / "supportdesk.db").unlink()
    assert cli(tmp_path, "restore", str(backup), "--yes") == 0
    assert "1 person or service" in capsys.readouterr().out
    assert run(["--data-dir", str(tmp_path), "list"]) == 0
    assert "Ruth" in capsys.readouterr().out


def test_restore_into_an_empty_folder_works_with_the_recovery_key(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    recovery_key, backup = made_with_backup(tmp_path / "old", capsys)
    keystore._keys.clear()  # a new computer: nothing in its keyring
    new_home = tmp_path / "new"
    monkeypatch.setattr("sys.stdin", io.StringIO(recovery_key + "\n"))
    assert run(["--data-dir", str(new_home), "--recovery-key-stdin",
                "restore", str(backup), "--yes"]) == 0
    assert "Restored" in capsys.readouterr().out
    assert run(["--data-dir", str(new_home), "list"]) == 0  # the key is back in the keyring
    assert "Ruth" in capsys.readouterr().out


def test_with_no_keyring_the_recovery_key_opens_any_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.core.errors import KeyringUnavailableError

    store = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: store)
    recovery_key = init(tmp_path, capsys)

    class NoKeyring(MemoryKeyStore):
        def get(self, vault_uuid: str) -> bytes | None:
            raise KeyringUnavailableError("No keyring is available to keep your vault's key.")

    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", NoKeyring)
    for command in ("check", "recover"):
        monkeypatch.setattr("sys.stdin", io.StringIO(recovery_key + "\n"))
        assert cli(tmp_path, command) == 2
        err = capsys.readouterr().err
        assert "--recovery-key-stdin" in err and "for this session" not in err, command
    assert cli(tmp_path / "elsewhere", "init") == 2
    assert "for this session" not in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(recovery_key + "\n"))
    assert cli(tmp_path, "--recovery-key-stdin", "check") == 0
    assert "All is well" in capsys.readouterr().out


def test_restoring_a_file_that_is_not_a_backup_says_so(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    init(tmp_path, capsys)
    stray = tmp_path / "holiday.txt"
    stray.write_text("not a backup at all\n")
    assert cli(tmp_path, "restore", str(stray), "--yes") == 2
    err = capsys.readouterr().err
    assert "not a SupportDesk backup" in err and "key" not in err


def test_restoring_a_cut_off_backup_says_the_backup_is_damaged(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    _, backup = made_with_backup(tmp_path, capsys)
    backup.write_bytes(backup.read_bytes()[:5000])
    assert cli(tmp_path, "restore", str(backup), "--yes") == 2
    err = capsys.readouterr().err
    assert "backup file is damaged or incomplete" in err and "vault file" not in err


# -- the recovery key until it is confirmed, and a new one (issue 15) ----------------------


def test_the_recovery_key_is_shown_again_until_confirmed(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str]) -> None:
    recovery_key = init(tmp_path, capsys)
    assert cli(tmp_path, "recovery-key") == 0
    assert recovery_key in capsys.readouterr().out
    assert cli(tmp_path, "recovery-key", "--confirm") == 0
    capsys.readouterr()
    assert cli(tmp_path, "recovery-key") == 1
    out = capsys.readouterr().out
    assert recovery_key not in out and "--new" in out


def test_recovery_key_new_replaces_the_old_one_and_says_so(
        tmp_path: Path, keystore: MemoryKeyStore, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    old_key = init(tmp_path, capsys)
    assert cli(tmp_path, "recovery-key", "--new", "--yes") == 0
    out = capsys.readouterr().out
    new_keys = RECOVERY.findall(out)
    assert len(new_keys) == 1 and new_keys[0] != old_key
    assert "old one no longer opens this vault" in out
    keystore._keys.clear()
    monkeypatch.setattr("sys.stdin", io.StringIO(old_key + "\n"))
    assert cli(tmp_path, "recover") == 2
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(new_keys[0] + "\n"))
    assert cli(tmp_path, "recover") == 0
