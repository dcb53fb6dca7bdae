"""The vault is not ready until the person confirms the recovery key is stored; a new
recovery key can be made at any time, and the old one then stops opening the vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportdesk.core.errors import WrongKeyError
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault


def test_a_start_cut_short_shows_the_same_key_again(data_dir: Path,
                                                    keystore: MemoryKeyStore) -> None:
    vault, recovery_key = Vault.create(data_dir, keystore, until_confirmed=True)
    assert vault.unconfirmed_recovery_key() == recovery_key
    vault.close()  # the app stopped before the person confirmed
    again = Vault.open(data_dir, keystore)
    assert again.unconfirmed_recovery_key() == recovery_key
    assert recovery_key.replace("-", "") not in (data_dir / "vault.json").read_text()
    again.confirm_recovery_key()
    again.close()
    third = Vault.open(data_dir, keystore)
    try:
        assert third.unconfirmed_recovery_key() is None
    finally:
        third.close()


def test_the_unconfirmed_key_survives_a_key_rotation(data_dir: Path,
                                                     keystore: MemoryKeyStore) -> None:
    vault, recovery_key = Vault.create(data_dir, keystore, until_confirmed=True)
    try:
        vault.rotate_key()
        assert vault.unconfirmed_recovery_key() == recovery_key
    finally:
        vault.close()


def test_a_new_recovery_key_replaces_the_old_one(data_dir: Path,
                                                 keystore: MemoryKeyStore) -> None:
    vault, old_key = Vault.create(data_dir, keystore)
    vault.confirm_recovery_key()
    vault.rotate_key()  # a chain link: the new wrapping must not depend on it
    new_key = vault.new_recovery_key()
    assert new_key != old_key and vault.unconfirmed_recovery_key() == new_key
    vault.close()
    keystore._keys.clear()
    with pytest.raises(WrongKeyError):
        Vault.recover(data_dir, old_key, keystore)
    Vault.recover(data_dir, new_key, keystore).close()


def test_a_vault_in_use_is_never_discarded(made: tuple[Vault, str]) -> None:
    from supportdesk.core.errors import VaultExistsError

    vault, _ = made  # its key was never waiting for confirmation: it is in use
    with pytest.raises(VaultExistsError):
        vault.discard_unconfirmed()
    assert vault.path.exists()


def test_a_new_unused_vault_can_make_way_for_a_backup(data_dir: Path,
                                                      keystore: MemoryKeyStore) -> None:
    vault, _ = Vault.create(data_dir, keystore, until_confirmed=True)
    vault.discard_unconfirmed()
    assert not Vault.exists(data_dir) and keystore._keys == {}
