"""Creating, opening and recovering a vault; a missing or wrong key changes nothing."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import peewee as pw
import pytest
from keyring.backends import null

from supportdesk.core.errors import (
    DamagedVaultError,
    KeyMissingError,
    KeyringUnavailableError,
    NewerVaultError,
    NoVaultError,
    VaultExistsError,
    WrongKeyError,
)
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault.keystore import KeyringKeyStore, MemoryKeyStore
from supportdesk.vault.metadata import key_matches, read_metadata
from supportdesk.vault.vault import DB_FILE, Vault
from tests.unit.vault.conftest import file_hash


def add_person(vault: Vault, name: str) -> None:
    database.bind(vault.db)
    NetworkService(Repository()).save_supporter(Supporter(name, Kind.FRIEND))


def names(vault: Vault) -> list[str]:
    database.bind(vault.db)
    return sorted(s.name for s in Repository().supporters())


def test_first_run_is_decided_by_the_database_file(data_dir: Path,
                                                     keystore: MemoryKeyStore) -> None:
    assert not Vault.exists(data_dir)
    vault, recovery_key = Vault.create(data_dir, keystore)
    vault.close()
    assert Vault.exists(data_dir)
    assert (data_dir / DB_FILE).read_bytes()[:16] != b"SQLite format 3\x00"
    metadata = read_metadata(data_dir / "vault.json")
    assert metadata is not None and metadata.uuid == vault.uuid
    stored = keystore.get(vault.uuid)
    assert stored is not None and key_matches(stored, metadata.key_check)
    assert stored.hex() not in (data_dir / "vault.json").read_text()
    assert recovery_key not in (data_dir / "vault.json").read_text()


def test_create_refuses_when_a_vault_is_there(closed_vault: tuple[Path, str, str],
                                              data_dir: Path, keystore: MemoryKeyStore) -> None:
    db_path = closed_vault[0]
    before = file_hash(db_path)
    with pytest.raises(VaultExistsError):
        Vault.create(data_dir, keystore)
    assert file_hash(db_path) == before


def test_open_after_close_keeps_the_data(made: tuple[Vault, str], data_dir: Path,
                                         keystore: MemoryKeyStore) -> None:
    vault, _ = made
    add_person(vault, "Ruth")
    vault.close()
    again = Vault.open(data_dir, keystore)
    try:
        assert names(again) == ["Ruth"]
        assert again.check() == []
    finally:
        again.close()


def test_no_vault_yet_is_said_plainly(data_dir: Path, keystore: MemoryKeyStore) -> None:
    with pytest.raises(NoVaultError, match="no vault"):
        Vault.open(data_dir, keystore)
    assert not data_dir.exists()


def test_missing_key_is_a_recovery_case_and_changes_nothing(
        closed_vault: tuple[Path, str, str], data_dir: Path) -> None:
    db_path = closed_vault[0]
    before = file_hash(db_path)
    meta_before = (data_dir / "vault.json").read_bytes()
    with pytest.raises(KeyMissingError, match="no key") as caught:
        Vault.open(data_dir, MemoryKeyStore())
    assert "recovery key" in str(caught.value)
    assert file_hash(db_path) == before
    assert (data_dir / "vault.json").read_bytes() == meta_before


def test_wrong_key_is_told_apart_and_changes_nothing(
        closed_vault: tuple[Path, str, str], data_dir: Path) -> None:
    db_path, vault_uuid, _ = closed_vault
    before = file_hash(db_path)
    wrong = MemoryKeyStore()
    wrong.set(vault_uuid, secrets.token_bytes(32))
    with pytest.raises(WrongKeyError, match="does not open"):
        Vault.open(data_dir, wrong)
    assert file_hash(db_path) == before


def test_null_keyring_means_no_database_is_created(data_dir: Path) -> None:
    with pytest.raises(KeyringUnavailableError, match="No keyring"):
        Vault.create(data_dir, KeyringKeyStore(null.Keyring()))
    assert not Vault.exists(data_dir)
    assert not data_dir.exists()


def test_recovery_key_reopens_and_puts_the_key_back(
        made: tuple[Vault, str], data_dir: Path) -> None:
    vault, recovery_key = made
    add_person(vault, "Sam")
    vault.close()
    fresh = MemoryKeyStore()
    recovered = Vault.recover(data_dir, recovery_key.lower().replace("-", " "), fresh)
    try:
        assert names(recovered) == ["Sam"]
        assert fresh.get(recovered.uuid) is not None
    finally:
        recovered.close()
    Vault.open(data_dir, fresh).close()


def test_recovery_for_this_session_only_leaves_the_store_alone(
        closed_vault: tuple[Path, str, str], data_dir: Path) -> None:
    _, vault_uuid, recovery_key = closed_vault
    untouched = MemoryKeyStore()
    Vault.recover(data_dir, recovery_key, untouched, store_key=False).close()
    assert untouched.get(vault_uuid) is None


def test_another_recovery_key_changes_nothing(closed_vault: tuple[Path, str, str],
                                              data_dir: Path) -> None:
    from supportdesk.vault.recovery import generate_recovery_key

    db_path = closed_vault[0]
    before = file_hash(db_path)
    with pytest.raises(WrongKeyError, match="recovery key does not open"):
        Vault.recover(data_dir, generate_recovery_key(), MemoryKeyStore())
    assert file_hash(db_path) == before


def test_newer_schema_is_refused_and_left_alone(made: tuple[Vault, str], data_dir: Path,
                                                keystore: MemoryKeyStore) -> None:
    vault, _ = made
    database.run_sql(vault.db, "PRAGMA user_version = 99")
    vault.close()
    before = file_hash(data_dir / DB_FILE)
    with pytest.raises(NewerVaultError, match="newer version"):
        Vault.open(data_dir, keystore)
    assert file_hash(data_dir / DB_FILE) == before
    # The refusal let go of the lock: asking again gives the same answer, not "locked".
    with pytest.raises(NewerVaultError):
        Vault.open(data_dir, keystore)


def _v2_adds_a_table(db: pw.Database) -> None:
    database.run_sql(db, "CREATE TABLE journal_v2 (id INTEGER PRIMARY KEY, line TEXT)")


def test_older_schema_is_backed_up_then_migrated(data_dir: Path,
                                                 keystore: MemoryKeyStore) -> None:
    from supportdesk.store.migrations import MIGRATIONS
    from supportdesk.vault.backup import backup_info, list_backups

    vault, _ = Vault.create(data_dir, keystore)
    add_person(vault, "Ruth")
    vault.close()
    steps = [*MIGRATIONS, _v2_adds_a_table]
    migrated = Vault.open(data_dir, keystore, steps=steps)
    try:
        assert migrated.db.execute_sql("PRAGMA user_version").fetchone()[0] == len(steps)
        assert "journal_v2" in migrated.db.get_tables()
        assert names(migrated) == ["Ruth"]
        assert migrated.metadata.schema_version == len(steps)
        made_first = list_backups(migrated.backup_dir)
        assert len(made_first) == 1 and "before-update" in made_first[0].name
        stored = keystore.get(migrated.uuid)
        info = backup_info(made_first[0], stored)
        assert info.schema_version == len(MIGRATIONS)
        assert info.counts["supporters"] == 1
    finally:
        migrated.close()


def test_a_failing_migration_step_leaves_the_schema_as_it_was(
        data_dir: Path, keystore: MemoryKeyStore) -> None:
    from supportdesk.store.migrations import MIGRATIONS

    def half_done(db: pw.Database) -> None:
        database.run_sql(db, "CREATE TABLE half (id INTEGER)")
        raise RuntimeError("step failed")

    Vault.create(data_dir, keystore)[0].close()
    with pytest.raises(RuntimeError):
        Vault.open(data_dir, keystore, steps=[*MIGRATIONS, half_done])
    vault = Vault.open(data_dir, keystore)
    try:
        assert "half" not in vault.db.get_tables()
        assert vault.check() == []
    finally:
        vault.close()


def test_missing_vault_json_uses_the_copy_kept_with_backups(
        made: tuple[Vault, str], data_dir: Path, keystore: MemoryKeyStore) -> None:
    vault, _ = made
    add_person(vault, "Ruth")
    vault.backup()
    vault.close()
    (data_dir / "vault.json").unlink()
    again = Vault.open(data_dir, keystore)
    try:
        assert names(again) == ["Ruth"]
    finally:
        again.close()
    assert read_metadata(data_dir / "vault.json") is not None


def test_missing_vault_json_without_backups_is_said_plainly(
        closed_vault: tuple[Path, str, str], data_dir: Path, keystore: MemoryKeyStore) -> None:
    db_path = closed_vault[0]
    before = file_hash(db_path)
    (data_dir / "vault.json").write_text("{ not json")
    with pytest.raises(DamagedVaultError, match=r"vault\.json"):
        Vault.open(data_dir, keystore)
    assert file_hash(db_path) == before


def test_check_reports_a_keyring_that_lost_the_key(made: tuple[Vault, str],
                                                   keystore: MemoryKeyStore) -> None:
    vault, _ = made
    assert vault.check() == []
    keystore.delete(vault.uuid)
    assert any("no key" in problem for problem in vault.check())


def test_metadata_file_holds_no_secret(made: tuple[Vault, str], data_dir: Path,
                                       keystore: MemoryKeyStore) -> None:
    vault, recovery_key = made
    text = (data_dir / "vault.json").read_text()
    data = json.loads(text)
    key = keystore.get(vault.uuid)
    assert key is not None
    assert key.hex() not in text and recovery_key.replace("-", "") not in text
    assert set(data) >= {"uuid", "schema_version", "keyring_backend", "key_check", "wrapped_key"}


def test_a_failure_while_building_leaves_nothing_behind(
        data_dir: Path, keystore: MemoryKeyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.core.errors import StorageError

    def disk_full(*args: object) -> None:
        raise StorageError("The disk is full.")

    monkeypatch.setattr("supportdesk.vault.vault.replace_durably", disk_full)
    with pytest.raises(StorageError):
        Vault.create(data_dir, keystore)
    assert not Vault.exists(data_dir)
    assert sorted(p.name for p in data_dir.iterdir()) == ["supportdesk.lock"]
    assert keystore._keys == {}
    monkeypatch.undo()
    Vault.create(data_dir, keystore)[0].close()  # and a later try works
