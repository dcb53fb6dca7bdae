"""Each write SupportDesk acknowledges survives a power cut right after it returns.

The lowest-layer checks behind tests/reliability/test_power_cuts.py: one operation on
the power-cut file system, then the power goes ("all": nothing not made durable
lands), then the folder underneath is read as the next start would read it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.auto_backup import BackupScheduler
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.vault.atomic import atomic_write_bytes, make_folder_durably
from supportdesk.vault.backup import backup_info, list_backups
from supportdesk.vault.metadata import metadata_path, read_metadata
from supportdesk.vault.vault import Vault
from tests.reliability.file_keystore import FileKeyStore
from tests.reliability.powercut import PowerCutDisk, fuse_problem

pytestmark = pytest.mark.real


@pytest.fixture
def backing(tmp_path: Path) -> Path:
    problem = fuse_problem()
    if problem:
        pytest.skip(f"the power-cut tests need FUSE: {problem}")
    folder = tmp_path / "disk"
    folder.mkdir()
    return folder


@pytest.fixture
def disk(backing: Path, tmp_path: Path) -> Iterator[PowerCutDisk]:
    with PowerCutDisk(backing, tmp_path / "mnt") as mounted:
        yield mounted


@pytest.fixture
def keys(tmp_path: Path) -> FileKeyStore:
    return FileKeyStore(tmp_path / "keys.json")  # off the cut disk, like a keyring's own


def _people(vault: Vault) -> list[str]:
    return sorted(s.name for s in Session(vault.db, vault=vault).network.supporters())


def test_an_atomic_write_survives(disk: PowerCutDisk, backing: Path) -> None:
    atomic_write_bytes(disk.mountpoint / "settings.json", b"{}")
    disk.cut("all", 1)
    assert (backing / "settings.json").read_bytes() == b"{}"


def test_folders_made_for_a_file_survive(disk: PowerCutDisk, backing: Path) -> None:
    make_folder_durably(disk.mountpoint / "a" / "b")
    atomic_write_bytes(disk.mountpoint / "a" / "b" / "file", b"kept")
    disk.cut("all", 1)
    assert (backing / "a" / "b" / "file").read_bytes() == b"kept"


def test_a_new_vault_survives(disk: PowerCutDisk, backing: Path, keys: FileKeyStore) -> None:
    vault, _recovery = Vault.create(disk.mountpoint / "vault", keys)
    vault.close()
    disk.cut("all", 1)
    Vault.open(backing / "vault", keys).close()


def test_the_first_backup_survives_with_its_new_folder(
        backing: Path, keys: FileKeyStore, tmp_path: Path) -> None:
    vault, _recovery = Vault.create(backing / "vault", keys)  # before the mount: on disk
    vault.close()
    with PowerCutDisk(backing, tmp_path / "mnt") as again:
        vault = Vault.open(again.mountpoint / "vault", keys)
        made = vault.backup(reason="daily")
        vault.close()
        again.cut("all", 1)
    found = list_backups(backing / "vault" / "backups")
    assert [p.name for p in found] == [made.name]
    assert backup_info(found[0], keys.get(vault.uuid)).counts["supporters"] == 0


def test_a_changed_vault_json_survives(backing: Path, keys: FileKeyStore,
                                       tmp_path: Path) -> None:
    vault, recovery_key = Vault.create(backing / "vault", keys)
    vault.close()
    with PowerCutDisk(backing, tmp_path / "mnt") as again:
        vault = Vault.open(again.mountpoint / "vault", keys)
        vault.rotate_key(recovery_key)
        expected = vault.metadata
        vault.close()
        again.cut("all", 1)
    assert read_metadata(metadata_path(backing / "vault")) == expected
    Vault.recover(backing / "vault", recovery_key, keys, store_key=False).close()


def test_a_restore_survives(backing: Path, keys: FileKeyStore, tmp_path: Path) -> None:
    vault, _recovery = Vault.create(backing / "vault", keys)
    Session(vault.db, vault=vault).network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    source = vault.backup(tmp_path / "ruth.sdbackup")
    Session(vault.db, vault=vault).network.save_supporter(Supporter("Sam", Kind.FRIEND))
    vault.close()
    with PowerCutDisk(backing, tmp_path / "mnt") as again:
        vault = Vault.open(again.mountpoint / "vault", keys)
        vault.restore(source)
        vault.close()
        again.cut("all", 1)
    reopened = Vault.open(backing / "vault", keys)
    try:
        assert _people(reopened) == ["Ruth"]
    finally:
        reopened.close()


def test_the_daily_backup_into_a_new_chosen_folder_survives(
        backing: Path, keys: FileKeyStore, tmp_path: Path) -> None:
    vault, _recovery = Vault.create(backing / "vault", keys)
    vault.close()
    with PowerCutDisk(backing, tmp_path / "mnt") as again:
        vault = Vault.open(again.mountpoint / "vault", keys)
        session = Session(vault.db, vault=vault)
        scheduler = BackupScheduler(vault, Settings(session.repo), session.clock)
        made = scheduler.back_up(again.mountpoint / "USB stick" / "SupportDesk", automatic=True)
        vault.close()
        again.cut("all", 1)
    found = list_backups(backing / "USB stick" / "SupportDesk")
    assert [p.name for p in found] == [made.name]


class _PowerWentOut(Exception):
    pass


@pytest.mark.parametrize("flushes_before_the_cut", [1, 2, 3])  # folder, one file, the other
def test_a_backup_cut_after_any_flush_is_absent_or_opens_with_the_recovery_key(
        flushes_before_the_cut: int, backing: Path, keys: FileKeyStore, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Whichever flush the power goes after, a backup that is there is whole and carries
    its sidecar, so the recovery key alone opens it (the keyring may be what was lost)."""
    from supportdesk.vault import atomic

    vault, recovery_key = Vault.create(backing / "vault", keys)
    vault.close()
    with PowerCutDisk(backing, tmp_path / "mnt") as again:
        vault = Vault.open(again.mountpoint / "vault", keys)
        flushes = 0
        real_fsync_dir = atomic.fsync_dir

        def fsync_dir_then_maybe_cut(folder: Path) -> None:
            nonlocal flushes
            real_fsync_dir(folder)
            flushes += 1
            if flushes == flushes_before_the_cut:
                again.power_off("all", 1)
                raise _PowerWentOut

        monkeypatch.setattr(atomic, "fsync_dir", fsync_dir_then_maybe_cut)
        try:
            vault.backup(reason="daily")
        except _PowerWentOut:
            pass
        finally:
            monkeypatch.undo()
            with contextlib.suppress(Exception):  # the disk is gone; what it held is read below
                vault.close()
    assert flushes >= flushes_before_the_cut  # the cut came inside the backup
    for made in list_backups(backing / "vault" / "backups"):
        assert backup_info(made, recovery_key=recovery_key).counts["supporters"] == 0
