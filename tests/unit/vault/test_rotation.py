"""Key rotation: a fresh key, the same recovery key, and safe across a crash at any step."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportdesk.core.errors import WrongKeyError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.metadata import read_metadata
from supportdesk.vault.vault import DB_FILE, Vault, pending_slot


class Crash(BaseException):
    """Stands in for the process dying at this point."""


def with_person(data_dir: Path, keystore: MemoryKeyStore) -> tuple[Vault, str]:
    vault, recovery_key = Vault.create(data_dir, keystore)
    database.bind(vault.db)
    NetworkService(Repository()).save_supporter(Supporter("Ruth", Kind.FRIEND))
    return vault, recovery_key


def reopened_names(data_dir: Path, keystore: MemoryKeyStore) -> list[str]:
    vault = Vault.open(data_dir, keystore)
    try:
        assert vault.check() == []
        assert vault.metadata.pending is None
        database.bind(vault.db)
        return [s.name for s in Repository().supporters()]
    finally:
        vault.close()


def test_rotation_changes_the_key_and_keeps_data_and_recovery_key(
        data_dir: Path, keystore: MemoryKeyStore) -> None:
    vault, recovery_key = with_person(data_dir, keystore)
    old_key = keystore.get(vault.uuid)
    vault.rotate_key()
    vault.rotate_key()
    assert vault.check() == []
    vault.close()
    new_key = keystore.get(vault.uuid)
    assert new_key is not None and new_key != old_key
    assert keystore.get(pending_slot(vault.uuid)) is None
    assert reopened_names(data_dir, keystore) == ["Ruth"]
    stale = MemoryKeyStore()
    assert old_key is not None
    stale.set(vault.uuid, old_key)
    with pytest.raises(WrongKeyError):
        Vault.open(data_dir, stale)
    fresh = MemoryKeyStore()
    Vault.recover(data_dir, recovery_key, fresh).close()
    assert fresh.get(vault.uuid) == new_key


def test_rotation_with_the_recovery_key_rewraps_under_it(
        data_dir: Path, keystore: MemoryKeyStore) -> None:
    vault, recovery_key = with_person(data_dir, keystore)
    vault.rotate_key()
    vault.rotate_key(recovery_key)
    assert vault.metadata.chain == ()
    vault.close()
    Vault.recover(data_dir, recovery_key, MemoryKeyStore()).close()


def test_rotation_refuses_another_recovery_key(made: tuple[Vault, str]) -> None:
    from supportdesk.vault.recovery import generate_recovery_key

    vault, _ = made
    with pytest.raises(WrongKeyError):
        vault.rotate_key(generate_recovery_key())
    assert vault.metadata.pending is None


def _crash_after(vault: Vault, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """Make rotate_key die right after ``step``, then let the process "end"."""
    if step == "pending recorded":
        monkeypatch.setattr("supportdesk.vault.vault.store_checked", _raise_crash)
    elif step == "pending key stored":
        monkeypatch.setattr("supportdesk.store.database.rekey", _raise_crash)
    elif step == "rekeyed":
        monkeypatch.setattr(Vault, "_finish_rotation", _raise_crash)
    elif step == "keyring promoted":
        monkeypatch.setattr(Vault, "_save_metadata", _crash_on_second_save(Vault._save_metadata))
    with pytest.raises(Crash):
        vault.rotate_key()
    monkeypatch.undo()
    vault.close()


def _raise_crash(*args: object, **kwargs: object) -> None:
    raise Crash


def _crash_on_second_save(real):  # type: ignore[no-untyped-def]
    calls = []

    def save(self, metadata):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise Crash
        real(self, metadata)

    return save


@pytest.mark.parametrize("step", ["pending recorded", "pending key stored", "rekeyed",
                                  "keyring promoted"])
def test_a_crash_at_any_step_of_rotation_reopens_with_the_data(
        data_dir: Path, keystore: MemoryKeyStore, monkeypatch: pytest.MonkeyPatch,
        step: str) -> None:
    vault, recovery_key = with_person(data_dir, keystore)
    _crash_after(vault, monkeypatch, step)
    assert read_metadata(data_dir / "vault.json") is not None
    assert reopened_names(data_dir, keystore) == ["Ruth"]
    assert (data_dir / DB_FILE).exists()
    # The recovery key still opens it afterwards, whichever key won.
    Vault.recover(data_dir, recovery_key, MemoryKeyStore()).close()


@pytest.mark.parametrize("step", ["pending key stored", "rekeyed"])
def test_the_recovery_key_also_finishes_an_interrupted_rotation(
        data_dir: Path, keystore: MemoryKeyStore, monkeypatch: pytest.MonkeyPatch,
        step: str) -> None:
    vault, recovery_key = with_person(data_dir, keystore)
    _crash_after(vault, monkeypatch, step)
    fresh = MemoryKeyStore()
    recovered = Vault.recover(data_dir, recovery_key, fresh)
    try:
        assert recovered.check() == []
        assert recovered.metadata.pending is None
    finally:
        recovered.close()
    assert reopened_names(data_dir, fresh) == ["Ruth"]
