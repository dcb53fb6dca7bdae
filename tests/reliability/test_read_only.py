"""A read-only folder or file: a clear message naming the path, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportdesk.core.errors import StorageError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.exporting import ExportFormat, ExportService
from supportdesk.services.session import Session
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault
from tests.reliability.figures import Figures
from tests.reliability.readonly import read_only


def _plain(error: StorageError, path: Path) -> None:
    assert str(path) in str(error), "the message names the place"
    assert "Errno" not in str(error) and "Traceback" not in str(error)


def test_creating_a_vault_in_a_read_only_folder(tmp_path: Path, figures: Figures) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    keys = MemoryKeyStore()
    with read_only(folder), pytest.raises(StorageError) as raised:
        Vault.create(folder, keys)
    _plain(raised.value, folder)
    assert list(folder.iterdir()) == []
    figures.record("read-only folder or file", cases=1, named_path=1)


def test_opening_a_vault_whose_folder_became_read_only(tmp_path: Path,
                                                       figures: Figures) -> None:
    folder = tmp_path / "vault"
    keys = MemoryKeyStore()
    vault, _recovery = Vault.create(folder, keys)
    vault.close()
    with read_only(folder), pytest.raises(StorageError) as raised:
        Vault.open(folder, keys)
    _plain(raised.value, folder)
    figures.record("read-only folder or file", cases=1, named_path=1)


def test_saving_into_a_read_only_vault_file(tmp_path: Path, figures: Figures) -> None:
    folder = tmp_path / "vault"
    keys = MemoryKeyStore()
    vault, _recovery = Vault.create(folder, keys)
    session = Session(vault.db)
    session.network.save_supporter(Supporter("Saved Before", Kind.FRIEND))
    vault.close()
    with read_only(folder / "supportdesk.db"):
        try:
            vault = Vault.open(folder, keys)
        except StorageError as error:
            _plain(error, folder)
        else:
            try:
                with pytest.raises(StorageError) as raised:
                    Session(vault.db).network.save_supporter(Supporter("New", Kind.FRIEND))
                assert "read-only" in str(raised.value) or "could not write" in str(raised.value)
                assert str(folder) in str(raised.value)
            finally:
                vault.close()
    vault = Vault.open(folder, keys)
    try:
        assert [s.name for s in Session(vault.db).repo.supporters()] == ["Saved Before"]
    finally:
        vault.close()
    figures.record("read-only folder or file", cases=1, named_path=1)


def test_exporting_into_a_read_only_folder(session: Session, tmp_path: Path,
                                           figures: Figures) -> None:
    session.network.save_supporter(Supporter("Someone", Kind.FRIEND))
    folder = tmp_path / "exports"
    folder.mkdir()
    with read_only(folder), pytest.raises(StorageError) as raised:
        ExportService(session).export(ExportFormat.CSV, folder / "network.csv")
    _plain(raised.value, folder)
    assert list(folder.iterdir()) == []
    figures.record("read-only folder or file", cases=1, named_path=1)
