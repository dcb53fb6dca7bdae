"""A vault in a temp folder with its key held in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import DB_FILE, Vault


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def keystore() -> MemoryKeyStore:
    return MemoryKeyStore()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def made(data_dir: Path, keystore: MemoryKeyStore) -> Iterator[tuple[Vault, str]]:
    """A new, open vault and its recovery key."""
    vault, recovery_key = Vault.create(data_dir, keystore)
    yield vault, recovery_key
    vault.close()


@pytest.fixture
def closed_vault(data_dir: Path, keystore: MemoryKeyStore) -> tuple[Path, str, str]:
    """A vault made and closed again: (database path, uuid, recovery key)."""
    vault, recovery_key = Vault.create(data_dir, keystore)
    vault.close()
    return data_dir / DB_FILE, vault.uuid, recovery_key
