"""Many openers share a vault; only a key change, a restore or an update needs it alone."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from supportdesk.core.errors import KeyringUnavailableError, LockedError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault import lock as vault_lock
from supportdesk.vault.keystore import KeyringKeyStore, MemoryKeyStore
from supportdesk.vault.lock import VaultLock
from supportdesk.vault.vault import Vault


def test_two_openers_share_the_vault_and_see_each_others_writes(
        made: tuple[Vault, str], data_dir: Path, keystore: MemoryKeyStore) -> None:
    first, _ = made
    second = Vault.open(data_dir, keystore)
    try:
        database.bind(second.db)
        NetworkService(Repository()).save_supporter(Supporter("Ruth", Kind.FRIEND))
        database.bind(first.db)
        assert [s.name for s in Repository().supporters()] == ["Ruth"]
    finally:
        second.close()


def test_an_opener_meeting_a_restore_waits_then_names_the_process(
        made: tuple[Vault, str], data_dir: Path, keystore: MemoryKeyStore) -> None:
    made[0].close()
    restoring = VaultLock.acquire(data_dir, exclusive=True, purpose="restoring a backup")
    told: list[str] = []
    started = time.monotonic()
    try:
        with pytest.raises(LockedError) as raised:
            Vault.open(data_dir, keystore, on_wait=told.append)
    finally:
        restoring.release()
    assert 0.2 <= time.monotonic() - started < 10
    assert told and "Waiting" in told[0]
    assert f"process {os.getpid()}" in str(raised.value)
    assert "restoring a backup" in str(raised.value)


def test_an_opener_goes_ahead_once_the_exclusive_work_is_done(
        made: tuple[Vault, str], data_dir: Path, keystore: MemoryKeyStore) -> None:
    made[0].close()
    restoring = VaultLock.acquire(data_dir, exclusive=True, purpose="restoring a backup")
    threading.Timer(0.5, restoring.release).start()
    told: list[str] = []
    vault = Vault.open(data_dir, keystore, on_wait=told.append)
    vault.close()
    assert len(told) == 1


def test_a_restore_needs_the_vault_alone_and_names_who_has_it_open(
        made: tuple[Vault, str], data_dir: Path) -> None:
    vault, _ = made
    backup = vault.backup(data_dir.parent / "copy.sdbackup")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from supportdesk.vault.lock import "
         "VaultLock; held = VaultLock.acquire(Path(sys.argv[1])); print('held', flush=True); "
         "time.sleep(60)", str(data_dir)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[3])
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError) as raised:
            vault.restore(backup)
        if Path("/proc/locks").exists():
            assert f"process {holder.pid}" in str(raised.value)
    finally:
        holder.kill()
        holder.communicate()
    # Still usable, and the restore goes through once the other has gone.
    assert not vault._lock.is_exclusive
    vault.restore(backup)
    assert not list(data_dir.glob(".*.restore"))


def test_the_key_is_read_before_the_vault_is_locked(
        made: tuple[Vault, str], data_dir: Path, keystore: MemoryKeyStore) -> None:
    lock_path = data_dir / vault_lock.FILE_NAME
    seen: list[bool] = []

    class Watching(MemoryKeyStore):
        def get(self, vault_uuid: str) -> bytes | None:
            # Would an exclusive taker get in now? Then no lock of ours is held yet.
            probe = VaultLock.acquire(data_dir, exclusive=True, wait=0)
            probe.release()
            seen.append(lock_path.exists())
            return keystore.get(vault_uuid)

    made[0].close()
    watching = Watching()
    Vault.open(data_dir, watching).close()
    assert seen == [True]


def test_a_keyring_that_does_not_answer_times_out_with_a_clear_message() -> None:
    class Hanging:
        priority = 5

        def get_password(self, service: str, username: str) -> str | None:
            time.sleep(5)
            return None

    store = KeyringKeyStore(Hanging(), timeout=0.3)
    started = time.monotonic()
    with pytest.raises(KeyringUnavailableError, match="did not answer"):
        store.get("some-vault")
    assert time.monotonic() - started < 3
