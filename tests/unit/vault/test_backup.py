"""Encrypted backups: same data back, both checks first, the current vault kept safe."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supportdesk.core.errors import (
    DamagedVaultError,
    DiskFullError,
    NewerVaultError,
    WrongKeyError,
)
from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store import database, migrations
from supportdesk.store.repository import Repository
from supportdesk.vault.backup import backup_info, backup_name, list_backups, rotate_backups
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault
from tests.unit.vault.conftest import file_hash

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def fill(vault: Vault, people: list[str]) -> None:
    database.bind(vault.db)
    network = NetworkService(Repository(), clock=lambda: NOW)
    for name in people:
        saved = network.save_supporter(Supporter(name, Kind.FRIEND))
        assert saved.id is not None
        network.log_checkin(CheckIn(saved.id, NOW - timedelta(days=1), note=f"tea with {name}"))


def people(vault: Vault) -> list[str]:
    database.bind(vault.db)
    return sorted(s.name for s in Repository().supporters())


def test_backup_then_restore_gives_the_same_data(made: tuple[Vault, str],
                                                tmp_path: Path) -> None:
    vault, _ = made
    fill(vault, ["Ruth", "Sam"])
    backup = vault.backup(tmp_path / "out" / "mine.sdbackup")
    assert backup.read_bytes()[:16] != b"SQLite format 3\x00"
    assert b"tea with Ruth" not in backup.read_bytes()
    info = vault.backup_info(backup)
    assert info.counts == {"supporters": 2, "checkins": 2, "gratitude": 0, "plan_items": 0}
    assert info.schema_version == migrations.SCHEMA_VERSION
    assert info.vault_uuid == vault.uuid
    fill(vault, ["Alex"])
    safety = vault.restore(backup)
    assert people(vault) == ["Ruth", "Sam"]
    assert vault.check() == []
    assert migrations.schema_version(vault.db) == migrations.SCHEMA_VERSION
    # What was there just before is kept, and restorable too.
    assert vault.backup_info(safety).counts["supporters"] == 3


def test_the_recovery_key_opens_a_backup_without_the_vault(
        made: tuple[Vault, str], tmp_path: Path) -> None:
    vault, recovery_key = made
    fill(vault, ["Ruth"])
    backup = vault.backup(tmp_path / "b.sdbackup")
    assert backup_info(backup, recovery_key=recovery_key).counts["supporters"] == 1
    with pytest.raises(WrongKeyError):
        backup_info(backup, key=os.urandom(32))


def test_a_backup_from_before_a_rotation_restores_with_the_recovery_key(
        made: tuple[Vault, str], tmp_path: Path, data_dir: Path,
        keystore: MemoryKeyStore) -> None:
    vault, recovery_key = made
    fill(vault, ["Ruth"])
    backup = vault.backup(tmp_path / "b.sdbackup")
    vault.rotate_key()
    with pytest.raises(WrongKeyError, match="recovery key"):
        vault.restore(backup)
    vault.restore(backup, recovery_key)
    assert people(vault) == ["Ruth"]
    vault.close()
    again = Vault.open(data_dir, keystore)  # with the key the keyring holds now
    try:
        assert people(again) == ["Ruth"] and again.check() == []
    finally:
        again.close()


def test_a_damaged_backup_is_refused_before_anything_changes(
        made: tuple[Vault, str], tmp_path: Path) -> None:
    vault, _ = made
    fill(vault, ["Ruth"])
    backup = vault.backup(tmp_path / "b.sdbackup")
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    vault.db.close()
    before = file_hash(vault.path)
    vault.db.connect()
    with pytest.raises(DamagedVaultError, match="damaged"):
        vault.restore(backup)
    vault.db.close()
    assert file_hash(vault.path) == before
    vault.db.connect()
    assert people(vault) == ["Ruth"]
    assert list_backups(vault.backup_dir) == []  # no safety copy needed: nothing was touched


def test_a_backup_from_a_newer_version_is_refused(made: tuple[Vault, str],
                                                  tmp_path: Path) -> None:
    vault, _ = made
    fill(vault, ["Ruth"])
    database.run_sql(vault.db, "PRAGMA user_version = 42")
    backup = vault.backup(tmp_path / "newer.sdbackup")
    database.run_sql(vault.db, f"PRAGMA user_version = {migrations.SCHEMA_VERSION}")
    with pytest.raises(NewerVaultError, match="newer version"):
        vault.restore(backup)
    assert people(vault) == ["Ruth"]


def test_rotation_keeps_the_newest(tmp_path: Path, made: tuple[Vault, str]) -> None:
    vault, _ = made
    made_paths = [vault.backup(tmp_path / backup_name(NOW + timedelta(days=day)))
                  for day in range(5)]
    (tmp_path / "holiday photo.jpg").write_bytes(b"not ours")
    removed = rotate_backups(tmp_path, keep=2)
    assert sorted(removed) == sorted(made_paths[:3])
    assert list_backups(tmp_path) == [made_paths[4], made_paths[3]]
    assert (tmp_path / "holiday photo.jpg").exists()
    assert not any(p.name.endswith(".json") and not Path(str(p)[:-5]).exists()
                   for p in tmp_path.iterdir())


def test_rotation_keeps_the_newest_of_backups_made_in_the_same_second(
        tmp_path: Path, made: tuple[Vault, str]) -> None:
    """Several backups within one second (a busy restore, a script): the newest stay."""
    vault, _ = made
    vault._clock = lambda: NOW  # every backup below carries the same time stamp
    newest = [vault.backup(reason="script", keep=3) for _ in range(12)][-3:]
    assert sorted(list_backups(vault.backup_dir)) == sorted(newest)
    assert list_backups(vault.backup_dir)[0] == newest[-1]


def test_a_backup_that_fails_leaves_no_sidecar_behind(
        tmp_path: Path, made: tuple[Vault, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.vault import backup as backups

    vault, _ = made

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "export_copy", disk_full)
    with pytest.raises(OSError):
        vault.backup(tmp_path / "copy.sdbackup")
    assert list(tmp_path.glob("copy.sdbackup*")) == []


def test_a_backup_clears_what_earlier_cut_short_backups_left(
        made: tuple[Vault, str]) -> None:
    """A power cut mid-backup leaves a temp copy (and maybe a sidecar alone); the next
    backup removes older leftovers, never a newer one nor anything not SupportDesk's."""
    vault, _ = made
    vault._clock = lambda: NOW
    folder = vault.backup_dir
    folder.mkdir()
    older, newer = backup_name(NOW - timedelta(days=1)), backup_name(NOW + timedelta(days=1))
    leftovers = [folder / f".{older}.tmp", folder / f".{older}.tmp-journal",
                 folder / f"{older}.json"]
    kept = [folder / f".{newer}.tmp", folder / f"{newer}.json", folder / "notes.json",
            folder / ".hidden.tmp"]
    for path in leftovers + kept:
        path.write_bytes(b"left over")
    made_now = vault.backup(reason="daily")
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in kept)
    assert made_now.exists() and (folder / f"{made_now.name}.json").exists()


def test_backup_names_carry_date_and_reason() -> None:
    assert backup_name(NOW, "before-update") == "supportdesk-20261124-100000-before-update.sdbackup"


def test_a_failed_backup_leaves_no_file(made: tuple[Vault, str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    vault, _ = made

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("supportdesk.vault.backup.replace_durably", full)
    with pytest.raises(DiskFullError, match="not enough free space"):
        vault.backup(tmp_path / "b.sdbackup")
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]
