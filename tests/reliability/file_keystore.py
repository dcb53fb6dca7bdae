"""A keystore that survives the process (like the OS keyring), for kill -9 tests.

Keys live as hex in one JSON file, written with the vault's own atomic write, so a
write either happened completely before the kill or not at all: the same promise a
real keyring daemon gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from supportdesk.vault.atomic import atomic_write_bytes


class FileKeyStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def backend_name(self) -> str:
        return "tests.file-keystore"

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        data = json.loads(self.path.read_text(encoding="utf-8"))
        assert isinstance(data, dict)
        return {str(k): str(v) for k, v in data.items()}

    def get(self, vault_uuid: str) -> bytes | None:
        text = self._load().get(vault_uuid)
        return None if text is None else bytes.fromhex(text)

    def set(self, vault_uuid: str, key: bytes) -> None:
        data = self._load()
        data[vault_uuid] = key.hex()
        atomic_write_bytes(self.path, json.dumps(data).encode())

    def delete(self, vault_uuid: str) -> None:
        data = self._load()
        if data.pop(vault_uuid, None) is not None:
            atomic_write_bytes(self.path, json.dumps(data).encode())
