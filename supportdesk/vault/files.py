"""Where a vault lives on disk; importable without the database or keyring modules."""

from __future__ import annotations

from pathlib import Path

DB_FILE = "supportdesk.db"
META_FILE = "vault.json"


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
