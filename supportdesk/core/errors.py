"""Errors the environment causes, each with a message a person can act on.

Anything that is not a ``KnownError`` is a bug and goes to the crash handler.
Messages never contain personal data or key material.
"""

from __future__ import annotations


class KnownError(Exception):
    """Something outside the program went wrong; ``message`` says what to do."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class ValidationError(KnownError):
    """Input that cannot be saved as it is; ``field`` names where."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(KnownError):
    """The thing asked for is not in the vault."""


class VaultError(KnownError):
    """Base for problems opening or keeping the encrypted vault."""


class NoVaultError(VaultError):
    """There is no vault in the data folder yet."""


class VaultExistsError(VaultError):
    """A vault is already there; nothing was overwritten."""


class KeyringUnavailableError(VaultError):
    """No usable OS keyring (no backend, locked, or the prompt was dismissed)."""


class KeyMissingError(VaultError):
    """The keyring has no key for this vault: the recovery key opens it again."""


class WrongKeyError(VaultError):
    """The key found does not open this vault: the recovery key opens it again."""


class DamagedVaultError(VaultError):
    """The database file is damaged: a backup can be restored."""


class MissingDatabaseError(DamagedVaultError):
    """vault.json is there but the database file is gone: restore, or start fresh."""


class NewerVaultError(VaultError):
    """The vault was written by a newer SupportDesk."""


class StorageError(KnownError):
    """The disk refused: full, read-only, or a path that cannot be written."""


class DiskFullError(StorageError):
    """No space left on the disk (or the quota is used up)."""


class LockedError(KnownError):
    """Another SupportDesk is using this vault."""
