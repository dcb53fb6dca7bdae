"""Once vault.json exists, a database that is missing, empty, cut short or without the
schema is a damaged vault: refused plainly, the newest backup named, nothing changed."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supportdesk.core.errors import DamagedVaultError, MissingDatabaseError, NoVaultError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault.backup import list_backups
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import DB_FILE, Vault

PAGE = 4096


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its hash (the lock file aside: it holds nothing)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "supportdesk.lock"}


@pytest.fixture
def backed_up(backed_up_with_key: tuple[Path, str]) -> Path:
    return backed_up_with_key[0]


@pytest.fixture
def backed_up_with_key(data_dir: Path, keystore: MemoryKeyStore) -> tuple[Path, str]:
    """A closed vault holding one person, with two backups, and its recovery key."""
    moments = iter([datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(days=d) for d in range(9)])
    vault, recovery_key = Vault.create(data_dir, keystore, clock=lambda: next(moments))
    database.bind(vault.db)
    NetworkService(Repository()).save_supporter(Supporter("Ruth", Kind.FRIEND))
    vault.backup(reason="auto")
    vault.backup(reason="auto")
    vault.close()
    return data_dir, recovery_key


def newest(data_dir: Path) -> Path:
    return list_backups(data_dir / "backups")[0]


DAMAGE = {
    "empty": lambda db: db.write_bytes(b""),
    "one byte": lambda db: db.write_bytes(db.read_bytes()[:1]),
    "shorter than a page": lambda db: db.write_bytes(db.read_bytes()[:PAGE - 10]),
    "one page": lambda db: db.write_bytes(db.read_bytes()[:PAGE]),
    "missing": lambda db: db.unlink(),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_database_is_refused_naming_the_newest_backup(
        backed_up: Path, keystore: MemoryKeyStore, damage: str) -> None:
    DAMAGE[damage](backed_up / DB_FILE)
    before = folder_state(backed_up)
    with pytest.raises(DamagedVaultError) as caught:
        Vault.open(backed_up, keystore).close()
    text = str(caught.value)
    assert newest(backed_up).name in text
    assert "Nothing has been changed" in text or "nothing has been changed" in text
    assert "no vault" not in text.lower()
    assert folder_state(backed_up) == before
    assert len(list_backups(backed_up / "backups")) == 2


def test_a_missing_database_says_so_and_is_not_a_first_run(
        backed_up: Path, keystore: MemoryKeyStore) -> None:
    (backed_up / DB_FILE).unlink()
    assert Vault.exists(backed_up)
    with pytest.raises(MissingDatabaseError, match="missing"):
        Vault.open(backed_up, keystore)
    assert not (backed_up / DB_FILE).exists()


def test_an_empty_database_is_never_rebuilt_by_the_recovery_key(
        data_dir: Path, keystore: MemoryKeyStore) -> None:
    vault, recovery_key = Vault.create(data_dir, keystore)
    vault.close()
    (data_dir / DB_FILE).write_bytes(b"")
    with pytest.raises(DamagedVaultError, match="empty"):
        Vault.recover(data_dir, recovery_key, keystore)
    assert (data_dir / DB_FILE).read_bytes() == b""


def test_a_database_without_the_schema_is_damaged_not_new(
        data_dir: Path, keystore: MemoryKeyStore) -> None:
    vault, _ = Vault.create(data_dir, keystore)
    for table in vault.db.get_tables():
        database.run_sql(vault.db, f'DROP TABLE "{table}"')
    database.run_sql(vault.db, "PRAGMA user_version = 0")
    vault.close()
    before = folder_state(data_dir)
    with pytest.raises(DamagedVaultError, match="none of SupportDesk's tables"):
        Vault.open(data_dir, keystore)
    assert folder_state(data_dir) == before


def test_no_backup_at_all_is_said_too(data_dir: Path, keystore: MemoryKeyStore) -> None:
    Vault.create(data_dir, keystore)[0].close()
    (data_dir / DB_FILE).write_bytes(b"")
    with pytest.raises(DamagedVaultError, match="found no backup"):
        Vault.open(data_dir, keystore)


def test_an_empty_folder_is_still_a_first_run(data_dir: Path, keystore: MemoryKeyStore) -> None:
    data_dir.mkdir()
    assert not Vault.exists(data_dir)
    with pytest.raises(NoVaultError):
        Vault.open(data_dir, keystore)


def test_a_vault_json_from_another_vault_is_named_as_such(
        tmp_path: Path, keystore: MemoryKeyStore) -> None:
    from supportdesk.core.errors import WrongKeyError

    mine, recovery_key = Vault.create(tmp_path / "mine", keystore)
    mine.close()
    other, _ = Vault.create(tmp_path / "other", keystore)
    other.close()
    (tmp_path / "mine" / "vault.json").write_bytes((tmp_path / "other" / "vault.json").read_bytes())
    before = folder_state(tmp_path / "mine")
    with pytest.raises(WrongKeyError, match="belongs to another vault"):
        Vault.recover(tmp_path / "mine", recovery_key, keystore)
    assert folder_state(tmp_path / "mine") == before


def test_junk_in_the_keyring_is_not_called_no_key(
        data_dir: Path, keystore: MemoryKeyStore) -> None:
    from supportdesk.core.errors import WrongKeyError

    vault, _ = Vault.create(data_dir, keystore)
    vault.close()
    keystore._keys[vault.uuid] = b""  # what KeyringKeyStore.get gives for text that is not hex
    with pytest.raises(WrongKeyError, match="not this vault's key"):
        Vault.open(data_dir, keystore)


def test_leftovers_of_cut_off_writes_are_cleaned_at_open(
        data_dir: Path, keystore: MemoryKeyStore) -> None:
    Vault.create(data_dir, keystore)[0].close()
    stale = [data_dir / ".vault.json.abc123.tmp", data_dir / f".{DB_FILE}.new",
             data_dir / f".{DB_FILE}.new-wal", data_dir / f".{DB_FILE}.restore"]
    for path in stale:
        path.write_bytes(b"half written")
    Vault.open(data_dir, keystore).close()
    assert [path.name for path in stale if path.exists()] == []


def test_a_new_vaults_backups_never_rotate_away_the_old_vaults(
        backed_up: Path, keystore: MemoryKeyStore) -> None:
    (backed_up / DB_FILE).unlink()
    old = set(list_backups(backed_up / "backups"))
    fresh, _ = Vault.create(backed_up, keystore, start_fresh=True)
    try:
        for _ in range(3):
            fresh.backup(keep=1)
    finally:
        fresh.close()
    left = set(list_backups(backed_up / "backups"))
    assert old <= left and len(left - old) == 1


def test_a_backup_restores_where_the_database_has_gone(
        backed_up: Path, keystore: MemoryKeyStore) -> None:
    (backed_up / DB_FILE).unlink()
    kept = Vault.restore_damaged(backed_up, newest(backed_up), keystore)
    assert kept is None
    vault = Vault.open(backed_up, keystore)
    try:
        database.bind(vault.db)
        assert [s.name for s in Repository().supporters()] == ["Ruth"]
    finally:
        vault.close()


def test_a_backup_that_does_not_check_out_never_rotates_the_good_ones_away(
        backed_up: Path, keystore: MemoryKeyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.vault import backup as backup_module

    good = set(list_backups(backed_up / "backups"))
    vault = Vault.open(backed_up, keystore)

    def schemaless_copy(db: object, target: Path, key: bytes, schema_version: int) -> None:
        empty = database.connect(target, key)  # a sound file that holds no vault
        empty.close()

    monkeypatch.setattr(backup_module, "export_copy", schemaless_copy)
    try:
        with pytest.raises(DamagedVaultError, match="no older backup was removed"):
            vault.backup(reason="auto", keep=1)
    finally:
        vault.close()
    assert good <= set(list_backups(backed_up / "backups"))


def test_recovery_puts_back_this_vaults_own_vault_json_from_its_backups(
        backed_up_with_key: tuple[Path, str], tmp_path: Path) -> None:
    from supportdesk.vault.metadata import read_metadata

    backed_up, recovery_key = backed_up_with_key
    mine = read_metadata(backed_up / "vault.json")
    assert mine is not None
    other, _ = Vault.create(tmp_path / "other", MemoryKeyStore())
    other.close()
    foreign = (tmp_path / "other" / "vault.json").read_bytes()
    (backed_up / "vault.json").write_bytes(foreign)
    db_before = folder_state(backed_up)[DB_FILE]
    vault = Vault.recover(backed_up, recovery_key, MemoryKeyStore())
    try:
        database.bind(vault.db)
        assert [s.name for s in Repository().supporters()] == ["Ruth"]
    finally:
        vault.close()
    kept = list(backed_up.glob("vault.json.another-vault-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == foreign
    again = read_metadata(backed_up / "vault.json")
    assert again is not None and again.uuid == mine.uuid
    assert folder_state(backed_up)[DB_FILE] == db_before
