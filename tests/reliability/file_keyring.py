"""A ``keyring`` backend kept in a JSON file, chosen by environment for child apps.

    PYTHON_KEYRING_BACKEND=tests.reliability.file_keyring.FileKeyring
    SUPPORTDESK_TEST_KEYRING_FILE=/tmp/.../keyring.json

lets the real ``python -m supportdesk`` open a vault without a desktop keyring, so
tests can start the whole app as a person would and look at what it does.

It does not import ``keyring``: the app reaches the platform's own keyring without it
(``vault/secret_service.py``), so a stand-in that loaded it would make every start
measured or tested with it slower than a person's (about 40 ms).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from supportdesk.vault.atomic import atomic_write_bytes

ENV_FILE = "SUPPORTDESK_TEST_KEYRING_FILE"
BACKEND = "tests.reliability.file_keyring.FileKeyring"


class FileKeyring:
    """keyring's backend interface (priority, get/set/delete_password), kept in a file."""

    priority = 10

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(os.environ[ENV_FILE])

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        loaded = json.loads(self.path.read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in loaded.items()}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        atomic_write_bytes(self.path, json.dumps(data).encode())

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            import keyring.errors

            raise keyring.errors.PasswordDeleteError(username)
        atomic_write_bytes(self.path, json.dumps(data).encode())
