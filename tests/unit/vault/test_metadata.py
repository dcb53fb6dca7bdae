"""vault.json: only non-secret data, written so it is never half a file."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

from supportdesk.core.errors import StorageError
from supportdesk.vault.metadata import (
    PendingKey,
    VaultMetadata,
    key_check,
    key_matches,
    read_metadata,
    write_metadata,
)
from supportdesk.vault.recovery import generate_recovery_key, seal_key, wrap_key


def sample(key: bytes, pending: bool = False) -> VaultMetadata:
    new_key = secrets.token_bytes(32)
    return VaultMetadata(
        uuid="u-1", schema_version=1, keyring_backend="memory", key_check=key_check(key),
        wrapped=wrap_key(key, generate_recovery_key(), "u-1"), created="2026-11-24T10:00:00",
        pending=PendingKey(key_check(new_key), link=seal_key(new_key, key, "u-1"))
        if pending else None)


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    metadata = sample(key, pending=True)
    write_metadata(tmp_path / "vault.json", metadata)
    assert read_metadata(tmp_path / "vault.json") == metadata


def test_it_holds_no_key_material(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    write_metadata(tmp_path / "vault.json", sample(key, pending=True))
    text = (tmp_path / "vault.json").read_text()
    assert key.hex() not in text and key.hex().upper() not in text


def test_key_check_tells_keys_apart_without_revealing_them() -> None:
    key, other = secrets.token_bytes(32), secrets.token_bytes(32)
    assert key_matches(key, key_check(key))
    assert not key_matches(other, key_check(key))
    assert key.hex()[:32] not in key_check(key)


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vault.json"
    old = sample(secrets.token_bytes(32))
    write_metadata(path, old)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StorageError, match=r"not enough free space"):
        write_metadata(path, sample(secrets.token_bytes(32)))
    assert read_metadata(path) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault.json"]


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"format": 99}', b"\xff\xfe"])
def test_unreadable_metadata_reads_as_none(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "vault.json").write_bytes(content)
    assert read_metadata(tmp_path / "vault.json") is None
    assert read_metadata(tmp_path / "missing.json") is None
