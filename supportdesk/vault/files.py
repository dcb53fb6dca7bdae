"""Where a vault lives on disk; importable without the database or keyring modules.

``refuse_own_file`` is the one check every output path passes (export, backup, the
GUI's save dialogs): nothing SupportDesk writes on request may land on one of the
files the vault itself lives in.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from supportdesk.core.errors import StorageError

DB_FILE = "supportdesk.db"
META_FILE = "vault.json"
# The data folder's own files, by name: the database and SQLite's journals, vault.json
# (which the recovery key needs) and the lock. Hidden staging files start with a dot.
OWN_FILES = (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal",
             META_FILE, "supportdesk.lock")
OWN_FOLDERS = ("backups", "logs")


class OwnFileError(StorageError):
    """An output path is one of the vault's own files; nothing was written."""


def _own_paths(data_dir: Path) -> list[Path]:
    """Every file in the data folder that belongs to the vault and exists now."""
    found = [data_dir / name for name in OWN_FILES]
    with contextlib.suppress(OSError):
        found += [p for p in data_dir.iterdir() if p.name.startswith(".")]
    for folder in OWN_FOLDERS:
        with contextlib.suppress(OSError):
            found += list((data_dir / folder).iterdir())
    return [p for p in found if p.is_file()]


def is_own_file(target: Path, data_dir: Path) -> bool:
    """Whether writing ``target`` would overwrite one of the vault's own files: by name
    (after following symbolic links), or as the same file (a hard link, another
    spelling on a case-insensitive disk)."""
    target, data_dir = Path(target).expanduser(), Path(data_dir).expanduser()
    try:
        resolved, home = target.resolve(), data_dir.resolve()
    except (OSError, RuntimeError):
        return False
    if resolved == home or (resolved.parent == home and (
            resolved.name in (*OWN_FILES, *OWN_FOLDERS) or resolved.name.startswith("."))):
        return True
    if resolved.parent in [home / f for f in OWN_FOLDERS] and resolved.exists():
        return True
    if not target.exists():
        return False
    for own in _own_paths(data_dir):
        with contextlib.suppress(OSError):
            if os.path.samefile(target, own):
                return True
    return False


def refuse_own_file(target: Path, data_dir: Path | None) -> None:
    """OwnFileError if ``target`` is one of the vault's own files in ``data_dir``."""
    if data_dir is not None and is_own_file(target, data_dir):
        raise OwnFileError(
            f"{target} is one of the files SupportDesk keeps your vault in, so nothing "
            "was written there and your vault is as it was.",
            hint="Choose another name or another folder.")


def vault_exists(data_dir: Path) -> bool:
    """Whether a vault was ever made in ``data_dir``: its database or its vault.json is there.

    First run is when neither exists. vault.json alone is a vault whose database is
    missing (a case for a backup), never a reason to make a new one over it.
    """
    folder = Path(data_dir)
    return (folder / DB_FILE).exists() or (folder / META_FILE).exists()


def database_missing(data_dir: Path) -> bool:
    """vault.json is there but the database file is not."""
    folder = Path(data_dir)
    return (folder / META_FILE).exists() and not (folder / DB_FILE).exists()
