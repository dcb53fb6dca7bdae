"""vault.json: what the vault needs to know before it can open the database.

Only non-secret data: the uuid, schema version, keyring backend name, a key-check
value (so a wrong key is told apart from a damaged file without touching the
database), the key wrapped under the recovery key, and a rotation in progress.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from supportdesk.vault.atomic import atomic_write_bytes
from supportdesk.vault.recovery import SealedKey, WrappedKey

FILE_NAME = "vault.json"
FORMAT = 1
KEY_CHECK_BYTES = 16


def key_check(key: bytes) -> str:
    """A value that identifies ``key`` without revealing it."""
    return hmac.new(key, b"supportdesk key check", hashlib.sha256).digest()[:KEY_CHECK_BYTES].hex()


def key_matches(key: bytes, check: str) -> bool:
    return hmac.compare_digest(key_check(key), check)


@dataclass(frozen=True)
class PendingKey:
    """A new key on its way in (rotation); it becomes current once the database is rekeyed.

    ``link`` seals it under the current key; ``wrapped`` is set instead when the
    rotation was given the recovery key and re-wraps under it directly.
    """

    key_check: str
    link: SealedKey | None = None
    wrapped: WrappedKey | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key_check": self.key_check,
            "link": self.link.to_dict() if self.link else None,
            "wrapped_key": self.wrapped.to_dict() if self.wrapped else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PendingKey:
        return cls(
            key_check=str(data["key_check"]),
            link=SealedKey.from_dict(data["link"]) if data.get("link") else None,
            wrapped=WrappedKey.from_dict(data["wrapped_key"]) if data.get("wrapped_key") else None,
        )


@dataclass(frozen=True)
class VaultMetadata:
    uuid: str
    schema_version: int
    keyring_backend: str
    key_check: str
    wrapped: WrappedKey
    created: str
    chain: tuple[SealedKey, ...] = ()
    pending: PendingKey | None = None
    # The first 16 bytes of the database file (SQLCipher's salt, not secret): a vault.json
    # that names another file's salt belongs to another vault. Empty when not yet known.
    database_salt: str = ""
    # A new recovery key not yet confirmed by the person, sealed under the database key
    # (so only the open vault can show it again). None once they have confirmed it.
    unconfirmed: SealedKey | None = None

    def with_changes(self, **changes: Any) -> VaultMetadata:
        return replace(self, **changes)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "format": FORMAT,
            "uuid": self.uuid,
            "schema_version": self.schema_version,
            "keyring_backend": self.keyring_backend,
            "key_check": self.key_check,
            "wrapped_key": self.wrapped.to_dict(),
            "created": self.created,
            "chain": [link.to_dict() for link in self.chain],
            "pending": self.pending.to_dict() if self.pending else None,
            "database_salt": self.database_salt,
            "unconfirmed_recovery_key": self.unconfirmed.to_dict() if self.unconfirmed else None,
        }
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> VaultMetadata:
        """Parse vault.json; ValueError (or KeyError/TypeError) if it is not one."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a SupportDesk vault.json")
        pending = PendingKey.from_dict(data["pending"]) if data.get("pending") else None
        return cls(
            uuid=str(data["uuid"]),
            schema_version=int(data["schema_version"]),
            keyring_backend=str(data["keyring_backend"]),
            key_check=str(data["key_check"]),
            wrapped=WrappedKey.from_dict(data["wrapped_key"]),
            created=str(data["created"]),
            chain=tuple(SealedKey.from_dict(link) for link in data.get("chain", [])),
            pending=pending,
            database_salt=str(data.get("database_salt") or ""),
            unconfirmed=(SealedKey.from_dict(data["unconfirmed_recovery_key"])
                         if data.get("unconfirmed_recovery_key") else None),
        )


def metadata_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def write_metadata(path: Path, metadata: VaultMetadata) -> None:
    atomic_write_bytes(path, metadata.to_json().encode("utf-8"))


def read_metadata(path: Path) -> VaultMetadata | None:
    """The metadata, or None if the file is missing or cannot be understood."""
    try:
        return VaultMetadata.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None


def recovered_keys(metadata: VaultMetadata, recovery_key: str) -> list[bytes]:
    """Every key the recovery key leads to: the current one, and a pending one if any.

    Raises WrongKeyError if the recovery key does not belong to this vault.
    """
    from supportdesk.vault.recovery import open_sealed, unwrap_key

    key = unwrap_key(metadata.wrapped, recovery_key, metadata.uuid)
    for link in metadata.chain:
        following = open_sealed(link, key, metadata.uuid)
        if following is None:
            break  # a broken link: the keys so far are still worth trying
        key = following
    keys = [key]
    pending = metadata.pending
    if pending is not None:
        if pending.wrapped is not None:
            keys.append(unwrap_key(pending.wrapped, recovery_key, metadata.uuid))
        elif pending.link is not None:
            following = open_sealed(pending.link, key, metadata.uuid)
            if following is not None:
                keys.append(following)
    return keys
